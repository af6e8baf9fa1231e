// What every report shares: the organisation and reader it is made for, the translations, the
// disclosure key, formatting in the reader's language, file names, and the audit of each generation.
import "server-only";
import { createTranslator } from "next-intl";
import { audit } from "@/lib/audit";
import type { Ctx } from "@/lib/authz";
import { oneAtATime, type Tx } from "@/lib/db";
import { pseudonymKey } from "@/lib/disclosure/key";
import type { PseudonymKey, RuleKey } from "@/lib/disclosure";
import { formatDate, formatUncertainDate } from "@/lib/format/date";
import { formatMoney, formatNumber } from "@/lib/format/number";
import type { DatePrecision } from "@/lib/generated/prisma/enums";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";
import type { ReportFormat, ReportKind, ReportRequest, StoredReportRequest } from "@/lib/validations/report";
import { loadGazetteer, type Gazetteer } from "./load";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface ReportFile {
  bytes: Buffer;
  fileName: string;
  mimeType: string;
  /** how many records the report holds (rows, cases), for the audit and the job */
  records: number;
}

export const MIME: Record<ReportFormat | "zip", string> = {
  pdf: "application/pdf",
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  zip: "application/zip",
};

export interface ReportSetting {
  ctx: Ctx;
  locale: Locale;
  organization: { id: string; name: string; slug: string; smallCellThreshold: number; reportRetentionDays: number };
  readerName: string;
  key: PseudonymKey;
  gazetteer: Gazetteer;
  /** translations rooted at the message files: t("reports.title"), t("cases.status.MISSING") */
  t: Translate;
  now: Date;
}

export async function translatorFor(locale: Locale): Promise<Translate> {
  const translate = createTranslator({ locale, messages: await loadMessages(locale) }) as unknown as Translate;
  return (key, values) => translate(key, values);
}

/** The organisation, the reader and the translations, read inside the report's transaction. */
export async function reportSetting(tx: Tx, ctx: Ctx, requested?: Locale | null): Promise<ReportSetting> {
  const [organization, user] = await oneAtATime([
    () => tx.organization.findUniqueOrThrow({
      where: { id: ctx.organizationId },
      select: { id: true, name: true, slug: true, defaultLocale: true, smallCellThreshold: true, reportRetentionDays: true },
    }),
    () => tx.user.findUnique({ where: { id: ctx.userId }, select: { name: true, locale: true } }),
  ]);
  const locale: Locale = requested ?? (isLocale(user?.locale) ? user.locale : isLocale(organization.defaultLocale) ? organization.defaultLocale : DEFAULT_LOCALE);
  return {
    ctx,
    locale,
    organization,
    readerName: user?.name ?? "",
    key: pseudonymKey(ctx.organizationId),
    gazetteer: await loadGazetteer(tx, locale),
    t: await translatorFor(locale),
    now: new Date(),
  };
}

export function formatters(setting: Pick<ReportSetting, "locale">) {
  const { locale } = setting;
  return {
    date: (value: Date | null) => (value ? formatDate(value, locale) : ""),
    uncertain: (value: Date | null, precision: DatePrecision) => formatUncertainDate(value, precision, locale),
    number: (value: number) => formatNumber(value, locale),
    money: (value: number | null, currency: string) => (value === null ? "" : formatMoney(value, locale, currency)),
  };
}

/** The words of the rules a report applied, for its front page or first rows. */
export function ruleLines(setting: ReportSetting, rules: RuleKey[]): string[] {
  return rules.map((rule) => setting.t(`reports.rules.${rule}`, { n: setting.organization.smallCellThreshold }));
}

const FILE_STEM: Record<ReportKind, string> = {
  dossier: "case-dossier",
  summary: "period-summary",
  register: "police-action-register",
  statistics: "anonymised-statistics",
};

/** "police-action-register_atazhurt_2026-12-01.csv": report, organisation and date, ASCII only. */
export function reportFileName(kind: ReportKind, organizationSlug: string, now: Date, extension: string, extra?: string): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "report";
  const parts = [FILE_STEM[kind], safe(organizationSlug), ...(extra ? [safe(extra)] : []), now.toISOString().slice(0, 10)];
  return `${parts.join("_")}.${extension}`;
}

const day = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null);

export function storedRequest(request: ReportRequest): StoredReportRequest {
  const { zipPassword: _password, from, to, ...rest } = request;
  return { ...rest, from: day(from), to: day(to) };
}

/** The filter as the audit names it: dates and choices as given, free text only as "set". */
export function auditedFilter(request: ReportRequest): Record<string, unknown> {
  const stored = storedRequest(request);
  return {
    kind: stored.kind,
    format: stored.format,
    locale: stored.locale ?? null,
    caseId: stored.caseId ?? null,
    from: stored.from,
    to: stored.to,
    type: stored.type,
    outcome: stored.outcome,
    status: stored.status,
    city: stored.city ? "set" : null,
    q: stored.q ? "set" : null,
    zip: Boolean(request.zipPassword),
  };
}

export async function auditReport(
  tx: Tx,
  ctx: Ctx,
  event: { action: "report.generate" | "report.download"; request: ReportRequest; records: number; jobId?: string },
): Promise<void> {
  await audit(tx, {
    organizationId: ctx.organizationId,
    actorUserId: ctx.userId,
    action: event.action,
    entityType: event.jobId ? "Job" : event.request.caseId ? "Case" : "Report",
    entityId: event.jobId ?? event.request.caseId ?? event.request.kind,
    metadata: { ...auditedFilter(event.request), records: event.records },
    ipHash: ctx.ipHash,
  });
}
