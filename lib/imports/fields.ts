// What a sheet can be imported as, the fields of each kind, the headers in Kazakh, Russian and English
// that suggest a field, and the cell values that mean a status, a gender or a relationship. Pure: used
// by the preview, the job and the mapping screen alike.
import { CaseStatus, Gender, Relationship } from "@/lib/generated/prisma/enums";

export const IMPORT_ENTITIES = ["people", "cases"] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

/** How a field's cells are read. */
export type FieldKind = "text" | "names" | "date" | "place" | "phone" | "gender" | "status" | "relationship" | "tags";

export interface FieldSpec {
  kind: FieldKind;
  required?: boolean;
  /** normalised header texts (see normaliseHeader) that mean this field */
  headers: string[];
}

const NAME = ["name", "full name", "фио", "ф и о", "имя", "полное имя", "аты жөні", "аты", "толық аты жөні"];
const OTHER_NAMES = ["other names", "other spellings", "alias", "aliases", "другие имена", "другое написание", "написание", "басқа аты", "басқа жазылуы"];
const GENDER = ["gender", "sex", "пол", "жынысы"];
const BIRTH = ["birth date", "date of birth", "born", "birth", "дата рождения", "год рождения", "туған күні", "туған жылы"];
const HOMETOWN = ["hometown", "place of birth", "home town", "place", "родной город", "место рождения", "откуда", "туған жері", "мекен жайы"];
const PHONE = ["phone", "telephone", "phone number", "телефон", "тел"];

export const ENTITY_FIELDS = {
  people: {
    name: { kind: "text", required: true, headers: NAME },
    otherNames: { kind: "names", headers: OTHER_NAMES },
    gender: { kind: "gender", headers: GENDER },
    birthDate: { kind: "date", headers: BIRTH },
    hometown: { kind: "place", headers: HOMETOWN },
    phone: { kind: "phone", headers: PHONE },
    ethnicity: { kind: "text", headers: ["ethnicity", "nationality", "национальность", "ұлты"] },
    notes: { kind: "text", headers: ["notes", "note", "comment", "comments", "примечание", "примечания", "комментарий", "ескерту", "түсініктеме"] },
  },
  cases: {
    subjectName: {
      kind: "text",
      required: true,
      headers: [...NAME, "relative", "detained", "missing person", "subject", "задержанный", "родственник", "фио задержанного", "ұсталған адам", "туысы", "туысының аты жөні"],
    },
    subjectOtherNames: { kind: "names", headers: OTHER_NAMES },
    subjectGender: { kind: "gender", headers: GENDER },
    subjectBirthDate: { kind: "date", headers: BIRTH },
    subjectHometown: { kind: "place", headers: HOMETOWN },
    status: { kind: "status", headers: ["status", "state", "current status", "статус", "положение", "состояние", "мәртебесі", "жағдайы"] },
    tags: { kind: "tags", headers: ["tags", "tag", "метки", "теги", "белгілер"] },
    summary: { kind: "text", headers: ["summary", "description", "story", "описание", "история", "сипаттама", "оқиға"] },
    contactName: { kind: "text", headers: ["contact", "family contact", "applicant", "заявитель", "контакт", "контактное лицо", "өтініш беруші", "байланыс адамы"] },
    contactRelationship: { kind: "relationship", headers: ["relationship", "relation", "кем приходится", "родство", "туыстығы", "кім болып келеді"] },
    contactPhone: { kind: "phone", headers: [...PHONE, "contact phone", "телефон заявителя", "байланыс телефоны"] },
    contact2Name: { kind: "text", headers: ["second contact", "contact 2", "второй контакт", "контакт 2", "екінші байланыс"] },
    contact2Relationship: { kind: "relationship", headers: ["relationship 2", "родство 2", "туыстығы 2"] },
    contact2Phone: { kind: "phone", headers: ["phone 2", "телефон 2"] },
  },
} as const satisfies Record<ImportEntity, Record<string, FieldSpec>>;

export type FieldName<E extends ImportEntity = ImportEntity> = Extract<keyof (typeof ENTITY_FIELDS)[E], string>;

export function fieldsOf(entity: ImportEntity): Record<string, FieldSpec> {
  return ENTITY_FIELDS[entity];
}

/** Lower case, letters and digits only, single spaces: "Ф.И.О." → "ф и о", "Date of birth:" → "date of birth". */
export function normaliseHeader(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Column index → field suggested from the header texts; each field at most once, exact matches first. */
export function suggestMapping(entity: ImportEntity, headers: string[]): Record<string, string> {
  const fields = Object.entries(fieldsOf(entity));
  const mapping: Record<string, string> = {};
  const taken = new Set<string>();
  const normalised = headers.map(normaliseHeader);
  const pass = (matches: (header: string, synonym: string) => boolean) => {
    normalised.forEach((header, index) => {
      if (!header || mapping[index] !== undefined) return;
      const found = fields.find(([field, spec]) => !taken.has(field) && spec.headers.some((synonym) => matches(header, synonym)));
      if (found) {
        mapping[index] = found[0];
        taken.add(found[0]);
      }
    });
  };
  pass((header, synonym) => header === synonym);
  // "ФИО родственника (латиницей)" still means a name; only synonyms of four letters or more, so "тел" does not match "телевидение"
  pass((header, synonym) => synonym.length >= 4 && (header.startsWith(`${synonym} `) || header.includes(` ${synonym}`)));
  return mapping;
}

/** Cell value → enum value, per kind; keys are normalised with normaliseHeader. */
const VALUE_SYNONYMS: Record<"gender" | "status" | "relationship", Record<string, string[]>> = {
  gender: {
    FEMALE: ["f", "female", "woman", "ж", "жен", "женский", "женщина", "әйел", "қыз"],
    MALE: ["m", "male", "man", "м", "муж", "мужской", "мужчина", "ер", "ер адам"],
    OTHER: ["other", "другой", "басқа"],
    UNKNOWN: ["unknown", "неизвестно", "белгісіз"],
  },
  status: {
    MISSING: ["missing", "disappeared", "пропал", "пропала", "пропал без вести", "пропала без вести", "хабарсыз", "хабар ошарсыз", "жоғалған", "жоғалды"],
    DETAINED: ["detained", "arrested", "задержан", "задержана", "арестован", "арестована", "под стражей", "ұсталды", "ұсталған", "қамауда"],
    SENTENCED: ["sentenced", "convicted", "in prison", "осужден", "осуждена", "осуждён", "в тюрьме", "сотталды", "сотталған", "түрмеде"],
    IN_CAMP: ["camp", "in camp", "re education camp", "в лагере", "лагерь", "лагерде", "лагерьде"],
    HOUSE_ARREST: ["house arrest", "домашний арест", "под домашним арестом", "үй қамағы", "үй қамағында"],
    RELEASED_IN_CHINA: ["released", "released in china", "освобожден", "освобождена", "освобождён", "босатылды", "босатылған"],
    RETURNED_TO_KAZAKHSTAN: ["returned", "returned to kazakhstan", "вернулся", "вернулась", "вернулся в казахстан", "оралды", "елге оралды", "қайтып келді"],
    DECEASED: ["deceased", "died", "dead", "умер", "умерла", "погиб", "погибла", "скончался", "скончалась", "қайтыс болды", "қаза тапты"],
    UNKNOWN: ["unknown", "неизвестно", "белгісіз"],
  },
  relationship: {
    HUSBAND: ["husband", "муж", "супруг", "күйеуі", "күйеу", "жұбайы"],
    WIFE: ["wife", "жена", "супруга", "әйелі"],
    BROTHER: ["brother", "брат", "ағасы", "інісі", "аға", "іні", "бауыры"],
    SISTER: ["sister", "сестра", "апасы", "әпкесі", "қарындасы", "сіңлісі"],
    FATHER: ["father", "отец", "әкесі", "әке"],
    MOTHER: ["mother", "мать", "мама", "анасы", "ана"],
    SON: ["son", "сын", "ұлы"],
    DAUGHTER: ["daughter", "дочь", "қызы"],
    OTHER: ["other", "другое", "басқа"],
  },
};

const ENUMS: Record<"gender" | "status" | "relationship", readonly string[]> = {
  gender: Object.values(Gender),
  status: Object.values(CaseStatus),
  relationship: Object.values(Relationship),
};

const LOOKUP = Object.fromEntries(
  Object.entries(VALUE_SYNONYMS).map(([kind, table]) => [
    kind,
    new Map(Object.entries(table).flatMap(([value, synonyms]) => [...synonyms.map((s) => [normaliseHeader(s), value] as const), [normaliseHeader(value), value] as const])),
  ]),
) as Record<"gender" | "status" | "relationship", Map<string, string>>;

export type ValueKind = keyof typeof VALUE_SYNONYMS;
export const isValueKind = (kind: FieldKind): kind is ValueKind => kind === "gender" || kind === "status" || kind === "relationship";

/** The enum values a kind of field may take, for the value-mapping screen. */
export function valueChoices(kind: ValueKind): readonly string[] {
  return ENUMS[kind];
}

/**
 * The enum value a cell means: the member's own mapping first (saved with the template), then the
 * built-in words. undefined when unknown: the preview shows it for a decision, never guesses.
 */
export function mapValue(kind: ValueKind, text: string, own: Record<string, string> | undefined): string | undefined {
  const key = normaliseHeader(text);
  const chosen = own?.[key];
  if (chosen && ENUMS[kind].includes(chosen)) return chosen;
  return LOOKUP[kind].get(key);
}
