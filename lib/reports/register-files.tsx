// The register of police actions as XLSX (exceljs's streaming writer, several sheets) or PDF, from the
// same batches and cells as the CSV (./register).
import "server-only";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { Text } from "@react-pdf/renderer";
import { neutraliseFormula } from "@/lib/csv";
import { appliedRules, markingFor } from "@/lib/disclosure";
import { ReportDocument, pdfStyles, renderPdf } from "@/lib/pdf/report-document";
import type { ReportRequest } from "@/lib/validations/report";
import { formatters, reportFileName, ruleLines, type ReportFile, type ReportSetting } from "./common";
import { reportFrame } from "./frame";
import { Muted, RulesBox, Table } from "./pdf-parts";
import { collectRows, REGISTER_CAP, registerCells, registerHeader, type RegisterProgress } from "./register";
import { registerBatches } from "./register-rows";

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
  let written = 0;
  let counted = 0;
  let done = 0;
  let capped = false;
  for await (const batch of registerBatches(setting, request)) {
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
  }
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
