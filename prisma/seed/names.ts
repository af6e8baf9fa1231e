// Fictional Kazakh names for demo and benchmark data: common given names combined at random with
// patronymic-style surnames built from other given names, so no list entry is a real person's full name.
// Each given name carries its Cyrillic spelling, Latin spellings seen in practice and a phonetic
// rendering in Chinese characters (as Chinese documents write Kazakh names).

export interface GivenName {
  cyr: string;
  /** first is the usual Latin spelling; the rest are variants seen in passports and the press */
  lat: [string, ...string[]];
  han: string;
}

export const MALE_NAMES: GivenName[] = [
  { cyr: "Ербол", lat: ["Yerbol", "Erbol"], han: "叶尔波力" },
  { cyr: "Дәулетбек", lat: ["Dauletbek", "Daulet-Bek"], han: "达吾列提别克" },
  { cyr: "Мақсұтхан", lat: ["Maksutkhan", "Maqsutkhan", "Maksuthan"], han: "马合苏提汗" },
  { cyr: "Серік", lat: ["Serik", "Serick"], han: "赛力克" },
  { cyr: "Нұрлан", lat: ["Nurlan", "Nourlan"], han: "努尔兰" },
  { cyr: "Асқар", lat: ["Askar", "Asqar"], han: "阿斯哈尔" },
  { cyr: "Болат", lat: ["Bolat", "Bulat"], han: "波拉提" },
  { cyr: "Қайрат", lat: ["Kairat", "Qairat", "Kayrat"], han: "开热特" },
  { cyr: "Ерлан", lat: ["Yerlan", "Erlan"], han: "叶尔兰" },
  { cyr: "Марат", lat: ["Marat"], han: "马拉提" },
  { cyr: "Қуаныш", lat: ["Kuanysh", "Quanysh", "Kuanish"], han: "夸尼什" },
  { cyr: "Жанат", lat: ["Zhanat", "Janat"], han: "加纳提" },
  { cyr: "Мұрат", lat: ["Murat"], han: "木拉提" },
  { cyr: "Талғат", lat: ["Talgat", "Talghat"], han: "塔力哈提" },
  { cyr: "Бауыржан", lat: ["Bauyrzhan", "Bauyrjan", "Baurzhan"], han: "包尔江" },
  { cyr: "Нұрбек", lat: ["Nurbek"], han: "努尔别克" },
  { cyr: "Аманжол", lat: ["Amanzhol", "Amanjol"], han: "阿曼卓力" },
  { cyr: "Берік", lat: ["Berik"], han: "别力克" },
  { cyr: "Дәурен", lat: ["Dauren", "Dawren"], han: "达吾然" },
  { cyr: "Қанат", lat: ["Kanat", "Qanat"], han: "哈纳提" },
  { cyr: "Ержан", lat: ["Yerzhan", "Erjan", "Erzhan"], han: "叶尔江" },
  { cyr: "Өмірбек", lat: ["Omirbek", "Ömirbek"], han: "吾木尔别克" },
  { cyr: "Айбек", lat: ["Aibek", "Aybek"], han: "艾别克" },
  { cyr: "Ерғали", lat: ["Yergali", "Erghali"], han: "叶尔哈力" },
  { cyr: "Жақсылық", lat: ["Zhaksylyk", "Jaqsylyq"], han: "加克斯勒克" },
  { cyr: "Тұрсын", lat: ["Tursyn", "Tursun"], han: "吐尔逊" },
];

export const FEMALE_NAMES: GivenName[] = [
  { cyr: "Айгүл", lat: ["Aigul", "Aygul", "Aigül"], han: "阿依古丽" },
  { cyr: "Гүлнар", lat: ["Gulnar", "Gülnar"], han: "古丽娜尔" },
  { cyr: "Айжан", lat: ["Aizhan", "Aijan"], han: "阿依江" },
  { cyr: "Жанар", lat: ["Zhanar", "Janar"], han: "加娜尔" },
  { cyr: "Сәуле", lat: ["Saule", "Säule"], han: "沙吾列" },
  { cyr: "Динара", lat: ["Dinara"], han: "迪娜拉" },
  { cyr: "Айнұр", lat: ["Ainur", "Aynur"], han: "阿依努尔" },
  { cyr: "Гүлжан", lat: ["Gulzhan", "Guljan"], han: "古丽江" },
  { cyr: "Бақыт", lat: ["Bakhyt", "Baqyt"], han: "巴合提" },
  { cyr: "Меруерт", lat: ["Meruert", "Meruyert"], han: "美吾尔特" },
  { cyr: "Ақмарал", lat: ["Akmaral", "Aqmaral"], han: "阿克玛拉力" },
  { cyr: "Күлпаш", lat: ["Kulpash", "Külpash"], han: "库丽帕西" },
  { cyr: "Назира", lat: ["Nazira"], han: "娜孜拉" },
  { cyr: "Раушан", lat: ["Raushan", "Rawshan"], han: "拉吾山" },
  { cyr: "Жұлдыз", lat: ["Zhuldyz", "Juldyz"], han: "朱力德孜" },
  { cyr: "Әлия", lat: ["Aliya", "Äliya"], han: "阿丽亚" },
  { cyr: "Самал", lat: ["Samal"], han: "萨玛力" },
  { cyr: "Гауһар", lat: ["Gaukhar", "Gauhar"], han: "高哈尔" },
  { cyr: "Зәуре", lat: ["Zaure", "Zäure"], han: "再吾热" },
  { cyr: "Шынар", lat: ["Shynar", "Chinara"], han: "希娜尔" },
];

/** Russian-style spellings drop the Kazakh letters (Серікұлы → Сериков). */
const RUSSIFY: Record<string, string> = { ә: "а", ғ: "г", қ: "к", ң: "н", ө: "о", ұ: "у", ү: "у", һ: "х", і: "и" };
const russify = (value: string) => value.replace(/[әғқңөұүһі]/g, (char) => RUSSIFY[char] ?? char);
const plainLatin = (value: string) => value.normalize("NFD").replace(/\p{Diacritic}/gu, "").replace(/-/g, "");

export interface FictionalName {
  /** the usual Latin full name, used as display name */
  latin: string;
  cyrillic: string;
  /** "given·father" in Chinese characters, as Chinese documents write it */
  han: string;
  /** other spellings: Latin variants and the Russian-style surname */
  variants: { value: string; kind: "ALIAS" | "TRANSLITERATION" }[];
}

/** A full name: given name + patronymic-style surname from the father's given name. */
export function fictionalName(given: GivenName, father: GivenName, female: boolean): FictionalName {
  const fatherLat = plainLatin(father.lat[0]);
  const latin = `${given.lat[0]} ${fatherLat}${female ? "kyzy" : "uly"}`;
  const cyrillic = `${given.cyr} ${father.cyr}${female ? "қызы" : "ұлы"}`;
  const russianSurname = `${russify(father.cyr)}${female ? "ова" : "ов"}`;
  const variants: FictionalName["variants"] = [
    { value: `${russify(given.cyr)} ${russianSurname}`, kind: "TRANSLITERATION" },
    { value: `${plainLatin(given.lat[0])} ${fatherLat}${female ? "ova" : "ov"}`, kind: "TRANSLITERATION" },
  ];
  const altGiven = given.lat[1];
  const altFather = father.lat[1];
  if (altGiven || altFather) {
    variants.push({
      value: `${altGiven ?? given.lat[0]} ${plainLatin(altFather ?? father.lat[0])}${female ? "qyzy" : "uly"}`,
      kind: "ALIAS",
    });
  }
  return { latin, cyrillic, han: `${given.han}·${father.han}`, variants };
}

/** Small, fast, seedable PRNG (mulberry32): the same seed always gives the same data. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(next() * items.length)] as T;
  };
  const chance = (probability: number): boolean => next() < probability;
  /** a version-4-shaped UUID from the generator, so ids are deterministic too */
  const uuid = (): string => {
    const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
    hex[12] = "4";
    hex[16] = ((Math.floor(next() * 4) + 8) as number).toString(16);
    const s = hex.join("");
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  return { next, int, pick, chance, uuid };
}

export type Random = ReturnType<typeof createRandom>;
