// Pages send only the message areas their client components use (lib/i18n/client-areas.ts). This walks
// the imports of every folder under app/ from its files, marks what runs in the browser (a "use client"
// file and everything it imports) and checks that each area such code translates with is given there.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT_CLIENT_AREAS, SECTION_CLIENT_AREAS } from "./client-areas";

const ROOT = path.resolve(".");
const APP = path.join(ROOT, "app");
const IMPORT = /(?:import|export)\s[^"';]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

const sources = new Map<string, string>();
const read = (file: string) => sources.get(file) ?? (sources.set(file, readFileSync(file, "utf8")), sources.get(file) as string);

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.tsx`, `${base}.ts`, path.join(base, "index.tsx"), path.join(base, "index.ts")]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

function sourceFiles(entry: string): string[] {
  if (statSync(entry).isFile()) return /\.tsx?$/.test(entry) ? [entry] : [];
  return readdirSync(entry).flatMap((name) => sourceFiles(path.join(entry, name)));
}

/** Areas named by useTranslations("area…") in code that runs in the browser, reached from these files. */
function clientAreas(entries: string[]): Map<string, string> {
  const clientFiles = new Map<string, boolean>();
  const stack = entries.flatMap(sourceFiles).map((file) => [file, false] as [string, boolean]);
  while (stack.length > 0) {
    const [file, inherited] = stack.pop() as [string, boolean];
    const source = read(file);
    const client = inherited || /^\s*["']use client["']/m.test(source.slice(0, 300));
    const seen = clientFiles.get(file);
    if (seen !== undefined && (seen || !client)) continue;
    clientFiles.set(file, client);
    for (const match of source.matchAll(IMPORT)) {
      const target = resolveImport(file, (match[1] ?? match[2]) as string);
      if (target) stack.push([target, client]);
    }
  }
  const areas = new Map<string, string>();
  for (const [file, client] of clientFiles) {
    if (!client) continue;
    for (const match of read(file).matchAll(/useTranslations\(\s*["']([^"'.]+)/g)) areas.set(match[1] as string, path.relative(ROOT, file));
  }
  return areas;
}

const sections = Object.keys(SECTION_CLIENT_AREAS) as (keyof typeof SECTION_CLIENT_AREAS)[];
const sectionDirs = new Set(sections.map((section) => path.join(APP, section)));

/** Everything under app/ that is not a section: the root and (app) shells, error pages, other sections. */
function outsideSections(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const entry = path.join(dir, name);
    if (sectionDirs.has(entry) || name === "api") return [];
    return statSync(entry).isDirectory() ? (sections.some((section) => path.join(APP, section).startsWith(`${entry}${path.sep}`)) ? outsideSections(entry) : [entry]) : [entry];
  });
}

/**
 * A section's pages: the files of its folder and of its route folders, followed through their imports. A
 * section inside it is checked on its own (its layout gives its own areas), and private folders
 * (`_components`) count where a page imports them.
 */
function sectionEntries(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const entry = path.join(dir, name);
    if (!statSync(entry).isDirectory()) return [entry];
    return name.startsWith("_") || sectionDirs.has(entry) ? [] : sectionEntries(entry);
  });
}

describe("messages sent to the browser", () => {
  it.each(sections)("the client components of %s find every message area they use on its pages", (section) => {
    const given = new Set<string>([...ROOT_CLIENT_AREAS, ...SECTION_CLIENT_AREAS[section]]);
    const missing = [...clientAreas(sectionEntries(path.join(APP, section)))].filter(([area]) => !given.has(area));
    expect(missing.map(([area, file]) => `${area} (used in ${file})`)).toEqual([]);
  });

  it("client components outside the sections use only the areas every page gets", () => {
    const missing = [...clientAreas(outsideSections(APP))].filter(([area]) => !ROOT_CLIENT_AREAS.includes(area as never));
    expect(missing.map(([area, file]) => `${area} (used in ${file}): give it a section in lib/i18n/client-areas.ts`)).toEqual([]);
  });

  it("finds the areas of a section's client components by following their imports", () => {
    expect([...clientAreas(sectionEntries(path.join(APP, "(app)/cases/new"))).keys()]).toEqual(expect.arrayContaining(["cases", "people"]));
  });

  it("leaves out of the case list the areas only a case's own page uses", () => {
    const list = [...clientAreas(sectionEntries(path.join(APP, "(app)/cases"))).keys()];
    expect(list).not.toContain("cases");
    expect(list).not.toContain("people");
  });
});
