// What a sheet can be imported as, the fields of each kind, the headers in Kazakh, Russian and English
// that suggest a field, and the cell values that mean a status, a gender or a relationship. Pure: used
// by the preview, the job and the mapping screen alike.
import { CaseEventType, CaseStatus, Gender, IdentityDocumentKind, ParticipationRole, PoliceActionType, PoliceOutcome, ProtestKind, Relationship } from "@/lib/generated/prisma/enums";

export const IMPORT_ENTITIES = ["people", "cases", "events", "protests", "policeActions"] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

/** How a field's cells are read. */
export type FieldKind =
  | "text"
  | "names"
  | "date"
  | "place"
  | "phone"
  | "number"
  | "gender"
  | "status"
  | "relationship"
  | "tags"
  | "eventType"
  | "protestKind"
  | "participationRole"
  | "policeActionType"
  | "policeOutcome"
  | "documentKind";

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
const CASE_REFERENCE = ["case", "case reference", "case number", "reference", "дело", "номер дела", "іс", "іс нөмірі"];
const DATE = ["date", "when", "дата", "когда", "күні", "қашан"];
const DESCRIPTION = ["description", "details", "описание", "подробности", "сипаттама", "толығырақ"];
const AUTHORITY = ["authority", "agency", "by whom", "орган", "кем", "ведомство", "мекеме", "кім"];

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
    documentType: { kind: "documentKind", headers: ["document type", "document", "id type", "тип документа", "документ", "вид документа", "құжат түрі", "құжат"] },
    documentNumber: {
      kind: "text",
      headers: ["document number", "id number", "passport number", "iin", "number of document", "номер документа", "номер паспорта", "иин", "номер удостоверения", "құжат нөмірі", "жсн", "төлқұжат нөмірі"],
    },
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
  // a timeline event of a case already recorded: found by its reference, or by the relative's name
  events: {
    caseReference: { kind: "text", headers: CASE_REFERENCE },
    subjectName: { kind: "text", headers: [...NAME, "relative", "subject", "задержанный", "родственник", "туысы", "ұсталған адам"] },
    type: { kind: "eventType", required: true, headers: ["event", "type", "what happened", "событие", "тип", "что произошло", "оқиға", "түрі", "не болды"] },
    date: { kind: "date", headers: DATE },
    place: { kind: "place", headers: ["place", "where", "место", "где", "орны", "жері", "қайда"] },
    facility: { kind: "text", headers: ["facility", "camp", "prison", "учреждение", "лагерь", "тюрьма", "мекемесі", "түрме"] },
    authority: { kind: "text", headers: AUTHORITY },
    charges: { kind: "text", headers: ["charges", "charge", "обвинение", "статья обвинения", "айып", "айыптау"] },
    sentenceMonths: { kind: "number", headers: ["sentence months", "sentence", "срок месяцев", "срок", "мерзімі", "жаза мерзімі"] },
    description: { kind: "text", headers: DESCRIPTION },
  },
  // one row per participant: rows with the same day, city, place and kind are one protest
  protests: {
    date: { kind: "date", required: true, headers: DATE },
    time: { kind: "text", headers: ["time", "start", "время", "начало", "уақыты", "басталуы"] },
    city: { kind: "text", required: true, headers: ["city", "town", "город", "қала"] },
    location: { kind: "text", headers: ["location", "address", "place", "место", "адрес", "орны", "мекенжайы"] },
    kind: { kind: "protestKind", required: true, headers: ["kind", "type", "form", "вид", "тип", "форма", "түрі"] },
    organiser: { kind: "text", headers: ["organiser", "organizer", "организатор", "ұйымдастырушы"] },
    description: { kind: "text", headers: DESCRIPTION },
    participantName: { kind: "text", headers: ["participant", "protester", ...NAME, "участник", "қатысушы"] },
    participantRole: { kind: "participationRole", headers: ["role", "роль", "рөлі"] },
    caseReference: { kind: "text", headers: ["for case", "for whose relative", ...CASE_REFERENCE, "за кого", "кім үшін"] },
  },
  // an action against a person (found among the people recorded, or created)
  policeActions: {
    personName: { kind: "text", required: true, headers: [...NAME, "person", "activist", "protester", "активист", "белсенді"] },
    type: { kind: "policeActionType", required: true, headers: ["action", "type", "measure", "мера", "действие", "тип", "шара", "түрі"] },
    date: { kind: "date", required: true, headers: DATE },
    authority: { kind: "text", headers: AUTHORITY },
    legalBasis: { kind: "text", headers: ["legal basis", "article", "basis", "статья", "основание", "бап", "негізі"] },
    hearingDate: { kind: "date", headers: ["hearing", "hearing date", "court date", "суд", "дата суда", "сот", "сот күні"] },
    durationHours: { kind: "number", headers: ["hours", "duration hours", "часов", "часы", "сағат"] },
    arrestDays: { kind: "number", headers: ["arrest days", "days of arrest", "сутки", "суток", "сутки ареста", "тәулік"] },
    fineAmount: { kind: "number", headers: ["fine", "fine amount", "штраф", "сумма штрафа", "айыппұл"] },
    lawyer: { kind: "text", headers: ["lawyer", "адвокат", "қорғаушы"] },
    outcome: { kind: "policeOutcome", headers: ["outcome", "result", "итог", "результат", "нәтиже", "нәтижесі"] },
    outcomeDate: { kind: "date", headers: ["outcome date", "дата итога", "дата решения", "нәтиже күні", "шешім күні"] },
    caseReference: { kind: "text", headers: ["for case", ...CASE_REFERENCE] },
    description: { kind: "text", headers: DESCRIPTION },
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

type ValueKindName = "gender" | "status" | "relationship" | "eventType" | "protestKind" | "participationRole" | "policeActionType" | "policeOutcome" | "documentKind";

/** Cell value → enum value, per kind; keys are normalised with normaliseHeader. */
const VALUE_SYNONYMS: Record<ValueKindName, Record<string, string[]>> = {
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
  eventType: {
    DISAPPEARED: ["disappeared", "went missing", "missing", "пропал", "пропала", "исчез", "исчезла", "хабарсыз кетті", "жоғалды"],
    DETAINED: ["detained", "arrested", "arrest", "detention", "задержан", "задержана", "задержание", "арест", "арестован", "ұсталды", "ұстау", "қамауға алынды"],
    TRANSFERRED: ["transferred", "moved", "переведен", "переведён", "переведена", "этапирован", "ауыстырылды"],
    SENTENCED: ["sentenced", "convicted", "sentence", "осужден", "осуждён", "осуждена", "приговор", "сотталды", "үкім"],
    SENT_TO_CAMP: ["sent to camp", "camp", "re education camp", "отправлен в лагерь", "лагерь", "в лагере", "лагерьге жіберілді", "лагерь"],
    HOUSE_ARREST: ["house arrest", "домашний арест", "үй қамағы"],
    PASSPORT_CONFISCATED: ["passport confiscated", "passport taken", "паспорт изъят", "изъят паспорт", "отобрали паспорт", "төлқұжаты алынды"],
    EXIT_BAN: ["exit ban", "not allowed to leave", "запрет на выезд", "не выпускают", "шығуға тыйым"],
    RELEASED: ["released", "freed", "освобожден", "освобождён", "освобождена", "вышел", "босатылды"],
    RETURNED: ["returned", "returned to kazakhstan", "вернулся", "вернулась", "вернулся в казахстан", "оралды", "елге оралды"],
    CONTACT_LOST: ["contact lost", "lost contact", "no contact", "связь потеряна", "пропала связь", "нет связи", "байланыс үзілді"],
    CONTACT_RESTORED: ["contact restored", "связь восстановлена", "вышел на связь", "байланыс қалпына келді", "хабарласты"],
    DIED: ["died", "death", "deceased", "умер", "умерла", "погиб", "погибла", "смерть", "қайтыс болды", "қаза тапты"],
    RELATIVES_PRESSURED: ["relatives pressured", "pressure", "pressure on family", "давление", "давление на родственников", "қысым", "туыстарына қысым"],
    GUARANTOR_REGISTRATION: ["guarantor", "guarantor registration", "hostage", "поручитель", "заложник", "кепіл", "кепілдік"],
    PLEDGE_OF_SILENCE: ["pledge of silence", "silence", "обязательство молчать", "подписка о молчании", "үндемеуге уәде"],
    OTHER: ["other", "другое", "басқа"],
  },
  protestKind: {
    PICKET: ["picket", "пикет", "пикеттер"],
    SOLO_PICKET: ["solo picket", "single picket", "одиночный пикет", "жеке пикет", "жалғыз пикет"],
    RALLY: ["rally", "demonstration", "митинг", "шествие", "демонстрация", "жиын", "митингі"],
    PRESS_CONFERENCE: ["press conference", "пресс конференция", "пресс-конференция", "брифинг", "баспасөз мәслихаты"],
    ONLINE_ACTION: ["online", "online action", "онлайн", "онлайн акция", "видеообращение", "онлайн шара"],
    OTHER: ["other", "другое", "басқа"],
  },
  participationRole: {
    PARTICIPANT: ["participant", "участник", "участница", "қатысушы"],
    ORGANISER: ["organiser", "organizer", "организатор", "организаторка", "ұйымдастырушы"],
    SPEAKER: ["speaker", "спикер", "выступающий", "выступала", "выступал", "сөйлеуші", "баяндамашы"],
  },
  policeActionType: {
    SUMMONS: ["summons", "summoned", "вызов", "вызвали", "повестка", "шақыру", "шақыртылды"],
    QUESTIONING: ["questioning", "questioned", "interrogation", "допрос", "опрос", "беседа", "жауап алу", "сұрақ қою"],
    WARNING: ["warning", "warned", "предупреждение", "предупредили", "ескерту"],
    DETENTION: ["detention", "detained", "задержание", "задержан", "задержана", "ұстау", "ұсталды"],
    ADMINISTRATIVE_ARREST: ["administrative arrest", "arrest", "административный арест", "арест", "сутки", "әкімшілік қамау", "қамау"],
    FINE: ["fine", "fined", "штраф", "оштрафован", "оштрафована", "айыппұл"],
    ADMINISTRATIVE_CASE: ["administrative case", "административное дело", "админ дело", "әкімшілік іс"],
    CRIMINAL_CASE: ["criminal case", "уголовное дело", "қылмыстық іс"],
    SEARCH: ["search", "обыск", "тінту"],
    SURVEILLANCE: ["surveillance", "followed", "слежка", "наблюдение", "аңду", "бақылау"],
    TRAVEL_RESTRICTION: ["travel restriction", "travel ban", "запрет на поездку", "не пустили в столицу", "сапарға тыйым"],
    REMOVAL_FROM_TRANSPORT: ["removal from transport", "taken off a bus", "taken off the train", "сняли с автобуса", "сняли с поезда", "автобустан түсірілді"],
    OTHER: ["other", "другое", "басқа"],
  },
  policeOutcome: {
    DISMISSED: ["dismissed", "closed", "прекращено", "дело прекращено", "отказано", "тоқтатылды"],
    WARNING: ["warning", "предупреждение", "ескерту"],
    FINED: ["fined", "fine", "штраф", "оштрафован", "оштрафована", "айыппұл"],
    DETAINED: ["detained", "arrest served", "days served", "арест", "отбыл арест", "отсидел", "қамауда отырды"],
    CONVICTED: ["convicted", "осужден", "осуждён", "осуждена", "сотталды"],
    ACQUITTED: ["acquitted", "оправдан", "оправдана", "ақталды"],
    APPEALED: ["appealed", "appeal", "обжаловано", "апелляция", "шағымданды"],
    UNKNOWN: ["unknown", "неизвестно", "белгісіз"],
  },
  documentKind: {
    CN_RESIDENT_ID: ["chinese resident id", "resident id", "chinese id", "удостоверение личности кнр", "китайское удостоверение", "удостоверение кнр", "қытай жеке куәлігі", "қхр жеке куәлігі", "身份证"],
    KZ_IIN: ["iin", "иин", "жсн", "individual identification number"],
    CN_PASSPORT: ["chinese passport", "passport of china", "паспорт кнр", "китайский паспорт", "қытай төлқұжаты", "қхр төлқұжаты"],
    KZ_PASSPORT: ["kazakh passport", "kazakhstan passport", "паспорт рк", "казахстанский паспорт", "қр төлқұжаты", "қазақстан төлқұжаты"],
    OTHER: ["other", "другое", "басқа"],
  },
};

const ENUMS: Record<ValueKindName, readonly string[]> = {
  gender: Object.values(Gender),
  status: Object.values(CaseStatus),
  relationship: Object.values(Relationship),
  eventType: Object.values(CaseEventType),
  protestKind: Object.values(ProtestKind),
  participationRole: Object.values(ParticipationRole),
  policeActionType: Object.values(PoliceActionType),
  policeOutcome: Object.values(PoliceOutcome),
  documentKind: Object.values(IdentityDocumentKind),
};

const LOOKUP = Object.fromEntries(
  Object.entries(VALUE_SYNONYMS).map(([kind, table]) => [
    kind,
    new Map(Object.entries(table).flatMap(([value, synonyms]) => [...synonyms.map((s) => [normaliseHeader(s), value] as const), [normaliseHeader(value), value] as const])),
  ]),
) as Record<ValueKindName, Map<string, string>>;

export type ValueKind = keyof typeof VALUE_SYNONYMS;
export const isValueKind = (kind: FieldKind): kind is ValueKind => kind in VALUE_SYNONYMS;

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
