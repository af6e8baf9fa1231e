// Every problem of a sheet as CSV, in the member's language: the sheet is prepared again, as the preview
// prepares it, and each batch's problems are written out as soon as they are found, so the server holds
// one batch of them, never the list, whatever the sheet's size. Each download is audited.
import "server-only";
import { createTranslator } from "next-intl";
import { audit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { csvRow } from "@/lib/csv";
import { withTenant } from "@/lib/db";
import { findKeyPath, VALIDATION_KEY_PATHS } from "@/lib/i18n/errors";
import { loadMessages } from "@/lib/i18n/messages";
import { pulled, Stopped } from "@/lib/pulled";
import { parseInput } from "@/lib/service-kit";
import { importCommitSchema, type ImportCommitInput } from "@/lib/validations/import";
import { createPreparer, type RowIssue } from "./prepare";
import { pickSheet } from "./preview-import";
import { loadUpload } from "./upload-import";

export interface IssuesDownload {
  chunks: AsyncIterator<Uint8Array>;
  fileName: string;
  mimeType: string;
}

/**
 * The CSV of every issue, in the preview's order (by row, then column), except the timeline errors of a
 * sheet of events, which are found only with the whole sheet read and come last. The upload is found
 * (or not found) before the first byte, so another organisation's upload answers 404, not a broken file.
 * The body is the preview's: the same mapping and decisions give the same issues; `locale` is the CSV's
 * language too.
 */
export async function downloadImportIssues(ctx: Ctx, input: ImportCommitInput): Promise<IssuesDownload> {
  authorize(ctx, "imports.run");
  const mapping = parseInput(importCommitSchema, input);
  const loaded = await loadUpload(ctx, mapping.uploadId, { encoding: mapping.encoding });
  const sheet = pickSheet(loaded.workbook, mapping.sheet);
  const t = createTranslator({ locale: mapping.locale, messages: await loadMessages(mapping.locale), onError: () => {}, getMessageFallback: () => "" });
  const has = (path: string) => t.has(path as never);
  const message = (issue: RowIssue) => {
    const path = findKeyPath(issue.key, VALIDATION_KEY_PATHS, has);
    return path ? t(path as never, { value: issue.value ?? "" } as never) : issue.key;
  };
  const severity = { error: t("imports.error" as never), warning: t("imports.warning" as never) };
  const header = ["row", "column", "severity", "problem", "value"].map((key) => t(`imports.${key}` as never));
  // the file carries the sheet's cell values out of the app: audited like every export, in a short
  // transaction of its own (the preparation's may last minutes and must not hold the audit chain's lock)
  await withTenant(ctx, (tx) =>
    audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "import.issues.download",
      entityType: "ImportUpload",
      entityId: loaded.upload.id,
      metadata: { entity: mapping.entity, sheet: sheet.name.slice(0, 100), locale: mapping.locale },
      ipHash: ctx.ipHash ?? null,
    }),
  );

  const lines = pulled<string>((emit) =>
    withTenant(
      ctx,
      async (tx) => {
        const onIssues = (issues: RowIssue[]) => emit(issues.map((issue) => csvRow([issue.row, issue.column, severity[issue.severity], message(issue), issue.value ?? ""]) + "\r\n").join(""));
        const preparer = await createPreparer({ ctx, tx, sheet, mapping, keep: { issues: 0, duplicates: 0 }, onIssues });
        for await (const batch of loaded.rows(sheet.name)) await preparer.add(batch);
        await preparer.finish();
      },
      // as long as the preview may take
      { timeout: 180_000 },
    ).catch((error: unknown) => {
      // a client that went away is not a failure of the preparation
      if (!(error instanceof Stopped)) throw error;
    }),
  );
  async function* encoded(): AsyncGenerator<Uint8Array> {
    yield Buffer.from("\uFEFF" + csvRow(header) + "\r\n", "utf8");
    for await (const text of lines) yield Buffer.from(text, "utf8");
  }
  const base = loaded.upload.fileName.replace(/\.[^.]+$/, "");
  return { chunks: encoded(), fileName: `${base}-problems.csv`, mimeType: "text/csv; charset=utf-8" };
}
