import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES, MESSAGE_AREAS } from "./config";
import { loadMessages } from "./messages";

const MESSAGES_DIR = path.join(__dirname, "messages");
const ROOT = path.resolve(__dirname, "../..");

type Tree = { [key: string]: string | Tree };

function load(locale: string, area: string): Tree {
  return JSON.parse(readFileSync(path.join(MESSAGES_DIR, locale, `${area}.json`), "utf8")) as Tree;
}

/** Every leaf as "a.b.c" → value; a non-string leaf is reported as such. */
function flatten(tree: Tree, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [leaf, leafValue] of flatten(value, full)) out.set(leaf, leafValue);
    } else {
      out.set(full, value);
    }
  }
  return out;
}

// ICU arguments ({count}, {name}) must be the same in every language or a value goes missing.
function placeholders(value: string): string[] {
  const names = new Set<string>();
  for (const match of value.matchAll(/\{\s*(\w+)\s*(?:,|\})/g)) if (match[1]) names.add(match[1]);
  return [...names].sort();
}

const catalogs = new Map(
  LOCALES.map((locale) => [locale, new Map(MESSAGE_AREAS.map((area) => [area, flatten(load(locale, area))]))]),
);

describe("translations", () => {
  it.each(LOCALES)("has a message file for every area and no unregistered file in %s", (locale) => {
    const files = readdirSync(path.join(MESSAGES_DIR, locale)).filter((file) => file.endsWith(".json"));
    expect(files.map((file) => file.replace(/\.json$/, "")).sort()).toEqual([...MESSAGE_AREAS].sort());
  });

  it.each(MESSAGE_AREAS)("has the same keys in Kazakh, Russian and English in the %s area", (area) => {
    const keySets = LOCALES.map((locale) => [...(catalogs.get(locale)?.get(area)?.keys() ?? [])].sort());
    const all = [...new Set(keySets.flat())].sort();
    LOCALES.forEach((locale, index) => {
      const missing = all.filter((key) => !keySets[index]?.includes(key));
      expect(missing, `${locale}/${area}.json is missing keys`).toEqual([]);
    });
  });

  it.each(MESSAGE_AREAS)("has no empty or non-text value in the %s area", (area) => {
    for (const locale of LOCALES) {
      for (const [key, value] of catalogs.get(locale)?.get(area) ?? []) {
        expect(typeof value === "string" && value.trim().length > 0, `${locale}/${area}.json ${key} is empty or not text`).toBe(true);
      }
    }
  });

  it.each(MESSAGE_AREAS)("uses the same placeholders in every language in the %s area", (area) => {
    const english = catalogs.get("en")?.get(area) ?? new Map<string, unknown>();
    for (const [key, value] of english) {
      if (typeof value !== "string") continue;
      for (const locale of LOCALES) {
        const other = catalogs.get(locale)?.get(area)?.get(key);
        if (typeof other !== "string") continue;
        expect(placeholders(other), `${locale}/${area}.json ${key}`).toEqual(placeholders(value));
      }
    }
  });
});

// Static check of the code: every literal key passed to a translator exists in the English catalogue
// (and so, by the tests above, in every language). Dynamic keys (t(`status.${s}`)) are not checked here;
// the browser walk in tests/e2e catches those.
function sourceFiles(dir: string): string[] {
  let found: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry === "node_modules" || entry === "generated" || entry.startsWith(".")) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found = found.concat(sourceFiles(full));
    else if (/\.(tsx?|mts)$/.test(entry) && !/\.test\.tsx?$/.test(entry)) found.push(full);
  }
  return found;
}

const TRANSLATOR = /(?:const|let)\s+(\w+)\s*=\s*(?:await\s+)?(?:useTranslations|getTranslations)\(\s*(?:"([\w.]+)"|\{[^}]*namespace:\s*"([\w.]+)"[^}]*\})?\s*\)/g;

function usedKeys(source: string): Array<{ key: string; line: number }> {
  const used: Array<{ key: string; line: number }> = [];
  for (const declaration of source.matchAll(TRANSLATOR)) {
    const variable = declaration[1];
    const namespace = declaration[2] ?? declaration[3] ?? "";
    if (!variable) continue;
    const call = new RegExp(`(?<![\\w.])${variable}(?:\\.rich|\\.markup)?\\(\\s*"([\\w.-]+)"`, "g");
    for (const match of source.matchAll(call)) {
      const key = namespace ? `${namespace}.${match[1]}` : (match[1] ?? "");
      used.push({ key, line: source.slice(0, match.index).split("\n").length });
    }
  }
  return used;
}

describe("translation keys used in the code", () => {
  const english = new Map<string, unknown>();
  for (const [area, entries] of catalogs.get("en") ?? []) {
    for (const [key, value] of entries) english.set(`${area}.${key}`, value);
  }
  const isKey = (key: string) => english.has(key) || [...english.keys()].some((known) => known.startsWith(`${key}.`));

  it("exist in the catalogues", () => {
    const missing: string[] = [];
    for (const file of ["app", "components", "lib"].flatMap((dir) => sourceFiles(path.join(ROOT, dir)))) {
      const source = readFileSync(file, "utf8");
      for (const { key, line } of usedKeys(source)) {
        if (!isKey(key)) missing.push(`${path.relative(ROOT, file)}:${line} ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("the catalogue a page is translated with", () => {
  it("holds every area of the language asked for, as its files say", async () => {
    for (const locale of LOCALES) {
      const messages = await loadMessages(locale);
      expect(Object.keys(messages).sort()).toEqual([...MESSAGE_AREAS].sort());
      for (const area of MESSAGE_AREAS) expect(messages[area]).toEqual(load(locale, area));
    }
  });

  it("is assembled once per language and shared by every page after it", async () => {
    const [first, second] = await Promise.all([loadMessages("kk"), loadMessages("kk")]);
    expect(second).toBe(first);
    expect(await loadMessages("kk")).toBe(first);
    expect(await loadMessages("ru")).not.toBe(first);
  });
});
