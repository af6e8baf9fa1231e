// The register of police actions for a date range and filters, as CSV (streamed in batches over HTTP),
// XLSX (exceljs's streaming writer, several sheets) or PDF. Each row passes the disclosure projection; rows the reader may only count are counted.
import "server-only";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { Text } from "@react-pdf/renderer";
import type { Ctx } from "@/lib/authz";
import { csvRow, neutraliseFormula } from "@/lib/csv";
import type { Tx } from "@/lib/db";
import { withTenantReadOnly } from "@/lib/db-replica";
import { appliedRules, markingFor, projectPoliceAction, readsIdentifying, type ProjectedPoliceAction } from "@/lib/disclosure";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ReportDocument, pdfStyles, renderPdf } from "@/lib/pdf/report-document";
import type { ReportRequest } from "@/lib/validations/report";
import { formatters, reportFileName, ruleLines, type ReportFile, type ReportSetting } from "./common";
import { reportFrame } from "./frame";
import { policeActionInclude, toPoliceActionRecord } from "./load";
import { Muted, RulesBox, Table } from "./pdf-parts";

/** Rows per file: a spreadsheet past this is unwieldy, a PDF past this is a book. */
export const REGISTER_CAP = { xlsx: 100_000, pdf: 2_000 } as const;
const BATCH = 2_000;

export function registerWhere(ctx: Ctx, request: ReportRequest): Prisma.PoliceActionWhereInput {
  return {
    organizationId: ctx.organizationId,
    deletedAt: null,
    person: { deletedAt: null, mergedIntoId: null },
    ...(request.from || request.to ? { date: { ...(request.from ? { gte: request.from } : {}), ...(request.to ? { lte: request.to } : {}) } } : {}),
    ...(request.city ? { protest: { city: { equals: request.city, mode: "insensitive" } } } : {}),
    ...(request.type ? { type: request.type } : {}),
    ...(request.outcome ? { outcome: request.outcome } : {}),
    ...(request.status ? { status: request.status } : {}),
    // the list's search also looks at names; only a reader who sees names may search by them
    ...(request.q
      ? {
          OR: [
            { authority: { contains: request.q, mode: "insensitive" } },
            { legalBasis: { contains: request.q, mode: "insensitive" } },
            ...(readsIdentifying(ctx) ? [{ lawyer: { contains: request.q, mode: "insensitive" as const } }, { person: { displayName: { contains: request.q, mode: "insensitive" as const } } }] : []),
          ],
        }
      : {}),
  };
}

const include = {
  ...policeActionInclude,
  case: { select: { reference: true, disclosureLevel: true } },
} satisfies Prisma.PoliceActionInclude;

export interface RegisterBatch {
  rows: ProjectedPoliceAction[];
  /** rows of this batch the reader may only count */
  counted: number;
  loaded: number;
}

/** One batch after `cursor` (date desc, id desc), projected. */
export async function registerBatch(tx: Tx, setting: ReportSetting, where: Prisma.PoliceActionWhereInput, cursor: { date: Date; id: string } | null, take = BATCH) {
  const rows = await tx.policeAction.findMany({
    where: cursor ? { AND: [where, { OR: [{ date: { lt: cursor.date } }, { date: cursor.date, id: { lt: cursor.id } }] }] } : where,
    include,
    orderBy: [{ date: "desc" }, { id: "desc" }],
    take,
  });
  const identifying = readsIdentifying(setting.ctx);
  const projected: ProjectedPoliceAction[] = [];
  let counted = 0;
  for (const row of rows) {
    const level = row.case?.disclosureLevel ?? null;
    const record = toPoliceActionRecord(row, level, row.case?.reference ?? null, identifying || level === "PUBLIC", setting.gazetteer);
    const view = projectPoliceAction(setting.ctx, setting.key, record);
    if (view) projected.push(view);
    else counted += 1;
  }
  const last = rows.at(-1);
  return { batch: { rows: projected, counted, loaded: rows.length } satisfies RegisterBatch, next: last && rows.length === take ? { date: last.date, id: last.id } : null };
}

export function registerHeader(setting: ReportSetting): string[] {
  const keys = ["date", "person", "case", "type", "city", "authority", "legalBasis", "hearing", "durationHours", "arrestDays", "fine", "lawyer", "status", "outcome", "outcomeDate", "outcomeFine", "daysServed"];
  return keys.map((key) => setting.t(`reports.register.${key}`));
}

/** One row as text in the reader's language. */
export function registerCells(setting: ReportSetting, row: ProjectedPoliceAction): string[] {
  const { t } = setting;
  const f = formatters(setting);
  // a pseudonymised row's dates are months, and say so ("June 2026", never "01.06.2026")
  const date = (value: Date | null) => (!value ? "" : row.datePrecision === "MONTH" ? f.uncertain(value, "MONTH") : f.date(value));
  return [
    date(row.date),
    row.visibility === "full" ? row.personLabel : t("reports.personPseudonym", { code: row.personLabel }),
    row.caseLabel ? (row.visibility === "full" ? row.caseLabel : t("reports.pseudonym", { code: row.caseLabel })) : "",
    t(`police.type.${row.type}`),
    row.city ?? "",
    row.authorityLevel ? t(`reports.authorityLevel.${row.authorityLevel}`) : (row.authority ?? ""),
    row.legalBasis ?? "",
    date(row.hearingAt),
    row.durationHours === null ? "" : f.number(row.durationHours),
    row.arrestDays === null ? "" : f.number(row.arrestDays),
    f.money(row.fineAmount, row.currency),
    row.lawyer ?? "",
    t(`police.status.${row.status}`),
    row.outcome ? t(`police.outcome.${row.outcome}`) : "",
    date(row.outcomeDate),
    f.money(row.outcomeFineAmount, row.currency),
    row.outcomeDaysServed === null ? "" : f.number(row.outcomeDaysServed),
  ];
}

export interface RegisterProgress {
  (done: number): Promise<void> | void;
}

/**
 * The CSV as a stream of chunks: the rules first (as comment-like rows), the header, then one batch at a
 * time, each read in its own short transaction so 50 000 rows never hold one open for long.
 */
export async function* registerCsvChunks(setting: ReportSetting, request: ReportRequest, progress?: RegisterProgress): AsyncGenerator<string> {
  const where = registerWhere(setting.ctx, request);
  const rules = ruleLines(setting, appliedRules(setting.ctx, { contactsShown: false }));
  yield "\uFEFF" + rules.map((line) => csvRow([line])).join("\r\n") + "\r\n" + csvRow(registerHeader(setting)) + "\r\n";
  let cursor: { date: Date; id: string } | null = null;
  let counted = 0;
  let done = 0;
  do {
    const { batch, next }: Awaited<ReturnType<typeof registerBatch>> = await withTenantReadOnly(setting.ctx, (tx) => registerBatch(tx, setting, where, cursor));
    counted += batch.counted;
    done += batch.loaded;
    if (batch.rows.length) yield batch.rows.map((row) => csvRow(registerCells(setting, row))).join("\r\n") + "\r\n";
    await progress?.(done);
    cursor = next;
  } while (cursor);
  if (counted) yield csvRow([setting.t("reports.register.counted", { n: counted })]) + "\r\n";
}

async function collectRows(setting: ReportSetting, request: ReportRequest, cap: number, progress?: RegisterProgress) {
  const where = registerWhere(setting.ctx, request);
  const rows: ProjectedPoliceAction[] = [];
  let counted = 0;
  let done = 0;
  let capped = false;
  let cursor: { date: Date; id: string } | null = null;
  do {
    const { batch, next }: Awaited<ReturnType<typeof registerBatch>> = await withTenantReadOnly(setting.ctx, (tx) => registerBatch(tx, setting, where, cursor));
    counted += batch.counted;
    done += batch.loaded;
    for (const row of batch.rows) {
      if (rows.length >= cap) capped = true;
      else rows.push(row);
    }
    await progress?.(done);
    cursor = next;
  } while (cursor);
  return { rows, counted, capped };
}

export async function registerCsv(setting: ReportSetting, request: ReportRequest, progress?: RegisterProgress): Promise<ReportFile> {
  const parts: string[] = [];
  let records = 0;
  for await (const chunk of registerCsvChunks(setting, request, async (done) => {
    records = done;
    await progress?.(done);
  }))
    parts.push(chunk);
  return { bytes: Buffer.from(parts.join(""), "utf8"), fileName: reportFileName("register", setting.organization.slug, setting.now, "csv"), mimeType: "text/csv; charset=utf-8", records };
}

/** Rows per sheet: exceljs's streaming writer grows with a sheet's length, so a long register takes several. */
export const XLSX_SHEET_ROWS = 20_000;
const XLSX_WIDTHS = [12, 24, 14, 20, 14, 28, 28, 12, 8, 8, 12, 18, 12, 16, 12, 12, 8];
const XLSX_DATE_COLUMNS = new Set([0, 7, 14]);

/**
 * The register as XLSX, written with exceljs's streaming writer one batch at a time: rows are committed
 * as they are written and a sheet holds at most XLSX_SHEET_ROWS, so memory stays bounded; the file stops
 * at REGISTER_CAP.xlsx rows and says so.
 */
export async function registerXlsx(setting: ReportSetting, request: ReportRequest, progress?: RegisterProgress): Promise<ReportFile> {
  const { t } = setting;
  const output = new PassThrough();
  const parts: Buffer[] = [];
  output.on("data", (chunk: Buffer) => parts.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    output.on("end", resolve);
    output.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = "Qamqor";
  workbook.created = setting.now;
  const rules = ruleLines(setting, appliedRules(setting.ctx, { contactsShown: false }));
  const title = t("reports.kinds.register");
  let sheet: ExcelJS.Worksheet | null = null;
  let sheetRows = 0;
  let sheets = 0;
  const openSheet = () => {
    sheet?.commit();
    sheets += 1;
    const suffix = sheets > 1 ? ` (${sheets})` : "";
    const next = workbook.addWorksheet(title.slice(0, 31 - suffix.length) + suffix, { views: [{ state: "frozen", ySplit: rules.length + 1 }] });
    next.columns = XLSX_WIDTHS.map((width, i) => ({ width, ...(XLSX_DATE_COLUMNS.has(i) ? { style: { numFmt: "yyyy-mm-dd" } } : {}) }));
    for (const line of rules) next.addRow([neutraliseFormula(line)]).commit();
    const header = next.addRow(registerHeader(setting));
    header.font = { bold: true };
    header.commit();
    sheet = next;
    sheetRows = 0;
    return next;
  };
  let current = openSheet();
  const where = registerWhere(setting.ctx, request);
  let written = 0;
  let counted = 0;
  let done = 0;
  let capped = false;
  let cursor: { date: Date; id: string } | null = null;
  do {
    const { batch, next }: Awaited<ReturnType<typeof registerBatch>> = await withTenantReadOnly(setting.ctx, (tx) => registerBatch(tx, setting, where, cursor));
    counted += batch.counted;
    done += batch.loaded;
    for (const row of batch.rows) {
      if (written >= REGISTER_CAP.xlsx) {
        capped = true;
        continue;
      }
      if (sheetRows >= XLSX_SHEET_ROWS) current = openSheet();
      // dates and numbers as real cells: the spreadsheet shows them in its reader's own language
      const text = registerCells(setting, row).map(neutraliseFormula);
      const exact = row.datePrecision === "DAY";
      current
        .addRow([
          // a pseudonymised row's months stay text: a date cell would read as the first of the month
          exact ? row.date : text[0],
          text[1],
          text[2],
          text[3],
          text[4],
          text[5],
          text[6],
          exact ? row.hearingAt : text[7],
          row.durationHours,
          row.arrestDays,
          row.fineAmount,
          text[11],
          text[12],
          text[13],
          exact ? row.outcomeDate : text[14],
          row.outcomeFineAmount,
          row.outcomeDaysServed,
        ])
        .commit();
      sheetRows += 1;
      written += 1;
    }
    await progress?.(done);
    cursor = next;
  } while (cursor);
  if (counted) current.addRow([t("reports.register.counted", { n: counted })]).commit();
  if (capped) current.addRow([t("reports.register.capped", { n: REGISTER_CAP.xlsx })]).commit();
  current.commit();
  await workbook.commit();
  await finished;
  return { bytes: Buffer.concat(parts), fileName: reportFileName("register", setting.organization.slug, setting.now, "xlsx"), mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", records: written + counted };
}

export async function registerPdf(setting: ReportSetting, request: ReportRequest, progress?: RegisterProgress): Promise<ReportFile> {
  const { rows, counted, capped } = await collectRows(setting, request, REGISTER_CAP.pdf, progress);
  const { t } = setting;
  const f = formatters(setting);
  const marking = markingFor(rows.map((row) => row.level));
  const cells = rows.map((row) => registerCells(setting, row));
  const period = t("reports.period", { from: request.from ? f.date(request.from) : "…", to: request.to ? f.date(request.to) : "…" });
  const bytes = await renderPdf(
    <ReportDocument frame={reportFrame(setting, t("reports.kinds.register"), rows.length ? marking : "AGGREGATE", { landscape: true })}>
      <Text style={pdfStyles.title}>{t("reports.kinds.register")}</Text>
      <Text style={pdfStyles.subtitle}>{request.from || request.to ? period : t("reports.anyPeriod")}</Text>
      <RulesBox heading={t("reports.rulesHeading")} lines={ruleLines(setting, appliedRules(setting.ctx, { contactsShown: false }))} />
      {rows.length === 0 ? <Muted>{t("reports.none")}</Muted> : null}
      {rows.length ? (
        <Table
          fontSize={7.5}
          header={[t("reports.register.date"), t("reports.register.person"), t("reports.register.case"), t("reports.register.type"), t("reports.register.city"), t("reports.register.authority"), t("reports.register.legalBasis"), t("reports.register.hearing"), t("reports.register.outcome")]}
          widths={[1, 1.5, 1.1, 1.2, 0.9, 1.6, 1.6, 1, 1.4]}
          rows={cells.map((c) => [c[0] ?? "", c[1] ?? "", c[2] ?? "", c[3] ?? "", c[4] ?? "", c[5] ?? "", c[6] ?? "", c[7] ?? "", [c[13], c[15], c[16]].filter(Boolean).join(" · ")])}
        />
      ) : null}
      {counted ? <Muted>{t("reports.register.counted", { n: counted })}</Muted> : null}
      {capped ? <Muted>{t("reports.register.capped", { n: REGISTER_CAP.pdf })}</Muted> : null}
    </ReportDocument>,
  );
  return { bytes, fileName: reportFileName("register", setting.organization.slug, setting.now, "pdf"), mimeType: "application/pdf", records: rows.length + counted };
}
