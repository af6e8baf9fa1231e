// Anonymised statistics (CSV, XLSX): cases by status, year opened, hometown prefecture, gender and age
// band, and year by status, every count through the one small-cell rule. Built from the projection's
// facets, which carry no id or name, so the same file is safe for every role that may make it.
import "server-only";
import ExcelJS from "exceljs";
import { csvRow, neutraliseFormula } from "@/lib/csv";
import type { Tx } from "@/lib/db";
import { AGE_BANDS, projectCase, type CaseFacets } from "@/lib/disclosure";
import { CaseStatus, Gender } from "@/lib/generated/prisma/enums";
import { effectiveThreshold, formatPublishedCount, publishLinked, type LinkedFigure, type PublishedCount } from "@/lib/stats/small-cell";
import { formatters, reportFileName, ruleLines, type ReportFile, type ReportSetting } from "./common";
import { loadCaseRecords } from "./load";

const UNKNOWN = "__unknown";

export interface StatisticsTable {
  title: string;
  /** [group label, published count text] */
  rows: [string, string][];
  total: string;
}

export async function loadFacets(tx: Tx, setting: ReportSetting): Promise<CaseFacets[]> {
  const records = await loadCaseRecords(tx, setting.ctx, { organizationId: setting.ctx.organizationId, deletedAt: null }, { locale: setting.locale, gazetteer: setting.gazetteer });
  return records.map((record) => projectCase(setting.ctx, setting.key, record, { at: setting.now }).facets);
}

function tally<K extends string>(facets: CaseFacets[], keys: readonly K[], pick: (facet: CaseFacets) => string | null): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(keys.map((key) => [key, 0]));
  for (const facet of facets) {
    const key = pick(facet) ?? UNKNOWN;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export function statisticsTables(setting: ReportSetting, facets: CaseFacets[]): StatisticsTable[] {
  const { t } = setting;
  const f = formatters(setting);
  const threshold = setting.organization.smallCellThreshold;
  const words = { fewerThan: (n: number) => t("common.smallCell.fewerThan", { n }), hidden: t("common.smallCell.hidden"), number: f.number };
  const text = (count: PublishedCount, limit: number) => formatPublishedCount(count, words, limit);
  const label = (key: string, translate: (key: string) => string) => (key === UNKNOWN ? t("reports.statistics.unknown") : translate(key));
  const years = [...new Set(facets.map((facet) => String(facet.openedYear)))].sort();
  const prefectures = [...new Set(facets.map((facet) => facet.hometownPrefecture ?? UNKNOWN))].sort();

  // Every table of the report is protected together (lib/stats/small-cell publishLinked): the by-status
  // and by-year tables are the margins of year × status, and every table's total is the same people.
  const statuses = Object.values(CaseStatus);
  const figures: Record<string, LinkedFigure> = {};
  const values: Record<string, number> = {};
  const put = (key: string, atoms: string[], count: number) => {
    figures[key] = { atoms };
    values[key] = count;
  };
  const cross = (year: string, status: string) => facets.filter((facet) => String(facet.openedYear) === year && facet.status === status).length;
  const crossAtoms = years.flatMap((year) => statuses.map((status) => `x:${year}:${status}`));
  for (const year of years) for (const status of statuses) put(`cell:${year}:${status}`, [`x:${year}:${status}`], cross(year, status));
  for (const year of years) put(`year:${year}`, statuses.map((status) => `x:${year}:${status}`), facets.filter((facet) => String(facet.openedYear) === year).length);
  for (const status of statuses) put(`status:${status}`, years.map((year) => `x:${year}:${status}`), facets.filter((facet) => facet.status === status).length);
  put("total", crossAtoms, facets.length);
  const partitions = [
    { name: "prefecture", title: t("reports.statistics.byPrefecture"), counts: tally(facets, prefectures, (x) => x.hometownPrefecture), translate: (key: string) => key },
    { name: "gender", title: t("reports.statistics.byGender"), counts: tally(facets, Object.values(Gender), (x) => x.gender), translate: (key: string) => t(`people.genders.${key}`) },
    { name: "age", title: t("reports.statistics.byAgeBand"), counts: tally(facets, [...AGE_BANDS, UNKNOWN], (x) => x.ageBand), translate: (key: string) => key.replace("-", "–") },
  ];
  for (const partition of partitions) {
    const atoms = Object.keys(partition.counts).map((key) => `${partition.name}:${key}`);
    for (const key of Object.keys(partition.counts)) put(`${partition.name}:${key}`, [`${partition.name}:${key}`], partition.counts[key] ?? 0);
    put(`total:${partition.name}`, atoms, facets.length);
  }
  const published = publishLinked({ figures, same: [["total", ...partitions.map((partition) => `total:${partition.name}`)]] }, values, threshold);
  const limit = effectiveThreshold(threshold);
  const shown = (key: string) => text(published[key] as PublishedCount, limit);
  const total = shown("total");
  return [
    { title: t("reports.statistics.byStatus"), rows: statuses.map((status): [string, string] => [t(`cases.status.${status}`), shown(`status:${status}`)]), total },
    { title: t("reports.statistics.byYear"), rows: years.map((year): [string, string] => [year, shown(`year:${year}`)]), total },
    ...partitions.map((partition) => ({
      title: partition.title,
      rows: Object.keys(partition.counts).map((key): [string, string] => [label(key, partition.translate), shown(`${partition.name}:${key}`)]),
      total: shown(`total:${partition.name}`),
    })),
    {
      title: t("reports.statistics.byYearStatus"),
      rows: years.flatMap((year) => statuses.map((status): [string, string] => [`${year} · ${t(`cases.status.${status}`)}`, shown(`cell:${year}:${status}`)])),
      total,
    },
  ];
}

function rulesFor(setting: ReportSetting): string[] {
  // statistics name nobody: only the small-cell rule and the count-only rule apply, whoever reads
  return ruleLines(setting, ["privateCounted", "smallCell"]);
}

export function statisticsCsv(setting: ReportSetting, facets: CaseFacets[]): ReportFile {
  const { t } = setting;
  const lines = rulesFor(setting).map((line) => csvRow([line]));
  lines.push(csvRow([t("reports.statistics.group"), t("reports.statistics.value"), t("reports.statistics.count")]));
  for (const table of statisticsTables(setting, facets)) {
    for (const [label, count] of table.rows) lines.push(csvRow([table.title, label, count]));
    lines.push(csvRow([table.title, t("reports.statistics.total"), table.total]));
  }
  return { bytes: Buffer.from("\uFEFF" + lines.join("\r\n") + "\r\n", "utf8"), fileName: reportFileName("statistics", setting.organization.slug, setting.now, "csv"), mimeType: "text/csv; charset=utf-8", records: facets.length };
}

export async function statisticsXlsx(setting: ReportSetting, facets: CaseFacets[]): Promise<ReportFile> {
  const { t } = setting;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Qamqor";
  workbook.created = setting.now;
  const sheet = workbook.addWorksheet(t("reports.kinds.statistics").slice(0, 31));
  for (const line of rulesFor(setting)) sheet.addRow([neutraliseFormula(line)]);
  for (const table of statisticsTables(setting, facets)) {
    sheet.addRow([]);
    sheet.addRow([neutraliseFormula(table.title)]).font = { bold: true };
    // counts stay text: a hidden one reads "fewer than 5", never a number a formula could add up
    for (const [label, count] of table.rows) sheet.addRow([neutraliseFormula(label), count]);
    sheet.addRow([t("reports.statistics.total"), table.total]).font = { bold: true };
  }
  sheet.getColumn(1).width = 48;
  sheet.getColumn(2).width = 18;
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { bytes, fileName: reportFileName("statistics", setting.organization.slug, setting.now, "xlsx"), mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", records: facets.length };
}
