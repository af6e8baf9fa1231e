import { describe, expect, it } from "vitest";
import { detectScript, nameKeys, normalizeName, skeletonKey } from "./keys";
import { NAME_MATCH_THRESHOLD, nameSimilarity } from "./match";

// Spellings of one name seen across Kazakh Cyrillic, the 2021 Latin alphabet, passports, Russian-style
// romanisation and Uyghur Arabic script. Given names are fictional or common; the one full name is
// the head-of-state example everyone knows in all its spellings.
const SAME_NAME: Array<[string, string]> = [
  ["Maksutkhan", "Maqsutkhan"],
  ["Мақсұтхан", "Maksutkhan"],
  ["Dauletbek", "Dauletbekuly"],
  ["Dauletbek", "Dauletbekov"],
  ["Дәулетбек", "Dawletbek"],
  ["Yerbol", "Erbol"],
  ["Ербол", "Yerbol"],
  ["Қасым", "Qasym"],
  ["Қасым", "Kassym"],
  ["Qasym", "Kassym"],
  ["Қасым-Жомарт Тоқаев", "Qasym-Zhomart Toqaev"],
  ["Қасым-Жомарт Тоқаев", "Kassym-Jomart Tokayev"],
  ["Qasym-Zhomart Toqaev", "Kassym-Jomart Tokayev"],
  ["Kassym-Jomart Tokayev", "Tokayev Kassym Jomart"],
  ["Kassym-Jomart", "Kasymzhomart"],
  ["Нұрлан", "Nurlan"],
  ["Жанар", "Zhanar"],
  ["Жанар", "Janar"],
  ["Zhanar", "Janar"],
  ["Әсел", "Assel"],
  ["Әсел", "Äsel"],
  ["Assel", "Aesel"],
  ["Серік", "Serik"],
  ["Серік", "Seryk"],
  ["Ерлан", "Yerlan"],
  ["Ерлан", "Erlan"],
  ["Айгүл", "Aigul"],
  ["Айгүл", "Aygul"],
  ["Aigul", "Aigül"],
  ["Ғалым", "Galym"],
  ["Ғалым", "Ghalym"],
  ["Ғалым", "Ğalym"],
  ["Жеңіс", "Zhenis"],
  ["Жеңіс", "Zhengis"],
  ["Жеңіс", "Jeñis"],
  ["Өмірзақ", "Omirzak"],
  ["Өмірзақ", "Ömirzaq"],
  ["Ұлжан", "Ulzhan"],
  ["Ұлжан", "Ūljan"],
  ["Шынар", "Shynar"],
  ["Шынар", "Şınar"],
  ["Бақытжан", "Bakhytzhan"],
  ["Бақытжан", "Baqytjan"],
  ["Ахмет", "Akhmet"],
  ["Ахмет", "Ahmet"],
  ["Һамит", "Khamit"],
  ["Ильяс", "Ilyas"],
  ["Ильяс", "Ilias"],
  ["Юлдуз", "Yulduz"],
  ["Яна", "Yana"],
  ["Ерболатұлы", "Erbolatuly"],
  ["Серікқызы", "Serikkyzy"],
  ["Нұрлан Серікұлы", "Nurlan Serikuly"],
  ["Nurlan Serikuly", "Nurlan Serik uly"],
  ["Ахметов", "Akhmetov"],
  ["Ахметова", "Ahmetova"],
  ["Жандос Ахметов", "Zhandos Akhmetov"],
  ["Zhandos Akhmetov", "Akhmetov Zhandos"],
  ["Бауыржан", "Bauyrzhan"],
  ["Бауыржан", "Baurzhan"],
  ["Гүлнар", "Gulnar"],
  ["Гүлнар", "Gulnara"],
  ["ئايگۈل", "Aygül"],
  ["ئەركىن", "Erkin"],
  ["Айсұлу", "Aisulu"],
  ["Данияр", "Daniyar"],
  ["Данияр", "Daniiar"],
  ["Ержан", "Yerzhan"],
  ["Tsoi", "Цой"],
  ["Mäuken", "Мәукен"],
];

// Different names that share letters or a prefix; each must stay apart.
const DIFFERENT_NAMES: Array<[string, string]> = [
  ["Asel", "Aisulu"],
  ["Nurlan", "Nursultan"],
  ["Erbol", "Erlan"],
  ["Serik", "Sergei"],
  ["Ерлан", "Ербол"],
  ["Aigul", "Aigerim"],
  ["Galym", "Galiya"],
  ["Zhanar", "Zhanat"],
  ["Dauletbek", "Dauletkali"],
  ["Maksut", "Mukhtar"],
  ["Qasym", "Qairat"],
  ["Nurlan", "Nurbol"],
  ["Assel", "Asem"],
  ["Bakhytzhan", "Bakhyt"],
  ["Aidos", "Aidana"],
  ["Erzhan", "Erkin"],
  ["Serik", "Sabit"],
  ["Gulnar", "Gulmira"],
  ["Zhandos", "Zhanbolat"],
  ["Akhmet", "Akzhol"],
  ["Ильяс", "Ислам"],
  ["Omirzak", "Omar"],
  ["Asel Nurlanqyzy", "Aisulu Nurlanqyzy"],
  ["Yerbol Akhmetov", "Yerlan Akhmetov"],
  ["阿依古丽", "古丽娜"],
  ["Aigul", "阿依古丽"],
];

describe("name keys", () => {
  it("detects the script a name is written in", () => {
    expect(detectScript("Қасым")).toBe("CYRILLIC");
    expect(detectScript("Qasym")).toBe("LATIN");
    expect(detectScript("阿依古丽·买买提")).toBe("HAN");
    expect(detectScript("ئايگۈل")).toBe("ARABIC");
    expect(detectScript("— 123")).toBe("OTHER");
  });

  it("normalizes case, accents and punctuation but keeps Kazakh letters", () => {
    expect(normalizeName("  Äsel   O'Neil-Qyzy ")).toBe("asel o neil qyzy");
    expect(normalizeName("ҚАСЫМ-ЖОМАРТ")).toBe("қасым жомарт");
    expect(normalizeName("Айгүл Йогаева")).toBe("айгүл йогаева");
    expect(normalizeName("مُحَمَّد")).toBe("محمد");
    expect(normalizeName("ئـايگۈل")).toBe("ئايگۈل");
  });

  it("gives all spellings of one name the same skeleton", () => {
    const spellings = ["Қасым-Жомарт Тоқаев", "Qasym-Zhomart Toqaev", "Kassym-Jomart Tokayev", "Tokayev Kassym Jomart"];
    expect(new Set(spellings.map(skeletonKey)).size).toBe(1);
  });

  it("keeps Chinese characters as the key, without the middle dot", () => {
    expect(skeletonKey("阿依古丽·买买提")).toBe("阿依古丽买买提");
    expect(nameKeys("阿依古丽·买买提").script).toBe("HAN");
  });

  it("is empty for a name with no letters", () => {
    expect(skeletonKey(" - ")).toBe("");
    expect(nameSimilarity("", "Nurlan")).toBe(0);
  });
});

describe("name matching table", () => {
  it("has at least 40 pairs that must match and 20 that must not", () => {
    expect(SAME_NAME.length).toBeGreaterThanOrEqual(40);
    expect(DIFFERENT_NAMES.length).toBeGreaterThanOrEqual(20);
  });

  it.each(SAME_NAME)("treats %s and %s as the same name", (a, b) => {
    expect(nameSimilarity(a, b)).toBeGreaterThanOrEqual(NAME_MATCH_THRESHOLD);
  });

  it.each(DIFFERENT_NAMES)("keeps %s and %s apart", (a, b) => {
    expect(nameSimilarity(a, b)).toBeLessThan(NAME_MATCH_THRESHOLD);
  });

  it("ranks the exact spelling above a near one", () => {
    expect(nameSimilarity("Нұрлан", "Nurlan")).toBeGreaterThan(nameSimilarity("Нұрлан", "Nurbol"));
  });
});
