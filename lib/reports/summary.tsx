// The period summary (PDF, with charts): new cases, timeline events (status changes and pressure),
// protests, police actions and their outcomes, advocacy and answers in a date range. Readers without
// reports.export get every count through the small-cell rule and the new cases only by pseudonym.
import "server-only";
import { Text, View } from "@react-pdf/renderer";
import { advocacyActionScope, caseEventScope, liveCaseScope, policeActionScope, protestScope } from "@/lib/authz";
import type { Tx } from "@/lib/db";
import { appliedRules, projectCase, readsIdentifying, markingFor } from "@/lib/disclosure";
import { ReportDocument, pdfStyles, renderPdf } from "@/lib/pdf/report-document";
import { formatPublishedCount, publishCounts } from "@/lib/stats/small-cell";
import type { ReportRequest } from "@/lib/validations/report";
import { formatters, reportFileName, ruleLines, type ReportFile, type ReportSetting } from "./common";
import { reportFrame } from "./frame";
import { loadCaseRecords } from "./load";
import { BarChart, Muted, RulesBox, Section, Table, type Bar } from "./pdf-parts";

/** The summary's period: as asked, or the current calendar year so far. */
export function summaryPeriod(request: Pick<ReportRequest, "from" | "to">, now: Date): { from: Date; to: Date } {
  const from = request.from ?? new Date(Date.UTC(now.getUTCFullYear(), 0, 1));
  const to = request.to ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { from, to };
}

const byKey = <T,>(rows: T[], key: (row: T) => string) => {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[key(row)] = (counts[key(row)] ?? 0) + 1;
  return counts;
};

/** New cases listed by name or pseudonym: a summary is read, not searched; the register and statistics hold all. */
export const SUMMARY_LIST_CAP = 300;

/** Counts inside the caller's transaction; the PDF is drawn afterwards by `render`. */
export async function buildSummary(tx: Tx, setting: ReportSetting, request: ReportRequest): Promise<{ records: number; render: () => Promise<ReportFile> }> {
  const { ctx, t } = setting;
  const f = formatters(setting);
  const { from, to } = summaryPeriod(request, setting.now);
  const toEnd = new Date(to.getTime() + 86_400_000);
  const caseWhere = { ...liveCaseScope(ctx), openedAt: { gte: from, lt: toEnd } };
  // counted in the database: a year of a large group is tens of thousands of rows, only the counts matter
  const [caseGroups, caseRecords, eventGroups, protests, policeGroups, advocacy] = await Promise.all([
    tx.case.groupBy({ by: ["status", "disclosureLevel"], where: caseWhere, _count: { _all: true } }),
    loadCaseRecords(tx, ctx, caseWhere, { locale: setting.locale, gazetteer: setting.gazetteer, take: SUMMARY_LIST_CAP }),
    tx.caseEvent.groupBy({ by: ["type"], where: { ...caseEventScope(ctx), date: { gte: from, lte: to }, case: { deletedAt: null } }, _count: { _all: true } }),
    tx.protest.count({ where: { ...protestScope(ctx), startsAt: { gte: from, lt: toEnd } } }),
    tx.policeAction.groupBy({ by: ["type", "outcome"], where: { ...policeActionScope(ctx, { countsOnly: true }), date: { gte: from, lte: to } }, _count: { _all: true } }),
    tx.advocacyAction.findMany({ where: { ...advocacyActionScope(ctx, { countsOnly: true }), date: { gte: from, lte: to } }, select: { type: true, responseDate: true, responseEnc: true } }),
  ]);
  const sumBy = <T,>(groups: (T & { _count: { _all: number } })[], key: (group: T) => string | null) => {
    const counts: Record<string, number> = {};
    for (const group of groups) {
      const name = key(group);
      if (name !== null) counts[name] = (counts[name] ?? 0) + group._count._all;
    }
    return counts;
  };
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);
  const newCases = total(sumBy(caseGroups, (group) => group.status));
  const eventCount = total(sumBy(eventGroups, (group) => group.type));
  const policeCount = total(sumBy(policeGroups, (group) => group.type));
  const identifying = readsIdentifying(ctx);
  const threshold = setting.organization.smallCellThreshold;
  const words = { fewerThan: (n: number) => t("common.smallCell.fewerThan", { n }), hidden: t("common.smallCell.hidden"), number: f.number };

  /** Bars of one group: exact for identifying readers, through the small-cell rule for everyone else. */
  const bars = (counts: Record<string, number>, label: (key: string) => string): { bars: Bar[]; total: string } => {
    const keys = Object.keys(counts).sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0));
    if (identifying) {
      return { bars: keys.map((key) => ({ label: label(key), value: counts[key] ?? 0, caption: f.number(counts[key] ?? 0) })), total: f.number(keys.reduce((sum, key) => sum + (counts[key] ?? 0), 0)) };
    }
    const published = publishCounts(counts, threshold);
    return {
      bars: keys.map((key) => {
        const cell = published.cells[key] ?? { hidden: "small" as const };
        return { label: label(key), value: cell.value ?? null, caption: formatPublishedCount(cell, words, published.threshold) };
      }),
      total: formatPublishedCount(published.total, words, published.threshold),
    };
  };
  const single = (n: number) => (identifying ? f.number(n) : formatPublishedCount(publishCounts({ n }, threshold).cells.n, words, threshold));

  const projected = caseRecords.map((record) => projectCase(ctx, setting.key, record, { at: setting.now }));
  const listed = projected.filter((view) => view.visibility !== "counted");
  const casesByStatus = bars(sumBy(caseGroups, (group) => group.status), (key) => t(`cases.status.${key}`));
  const eventsByType = bars(sumBy(eventGroups, (group) => group.type), (key) => t(`cases.eventType.${key}`));
  const policeByType = bars(sumBy(policeGroups, (group) => group.type), (key) => t(`police.type.${key}`));
  const policeByOutcome = bars(sumBy(policeGroups, (group) => group.outcome), (key) => t(`police.outcome.${key}`));
  const advocacyByType = bars(byKey(advocacy, (action) => action.type), (key) => t(`advocacy.type.${key}`));
  const answered = advocacy.filter((action) => action.responseDate || action.responseEnc).length;

  const marking = identifying ? (newCases ? markingFor(caseGroups.map((group) => group.disclosureLevel)) : "AGGREGATE") : listed.length ? "ANONYMISED" : "AGGREGATE";
  const title = t("reports.kinds.summary");
  const period = t("reports.period", { from: f.date(from), to: f.date(to) });
  const chart = (heading: string, data: { bars: Bar[]; total: string }, colour?: string) => (
    <Section title={`${heading} · ${t("reports.summary.total")}: ${data.total}`}>
      {data.bars.length ? <BarChart bars={data.bars} colour={colour} /> : <Muted>{t("reports.none")}</Muted>}
    </Section>
  );
  const records = newCases + eventCount + protests + policeCount + advocacy.length;
  const fileName = reportFileName("summary", setting.organization.slug, setting.now, "pdf", `${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}`);
  const render = async (): Promise<ReportFile> => ({ bytes: await renderPdf(document), fileName, mimeType: "application/pdf", records });
  const document = (
    <ReportDocument frame={reportFrame(setting, title, marking, { reference: period })}>
      <Text style={pdfStyles.title}>{title}</Text>
      <Text style={pdfStyles.subtitle}>{period}</Text>
      <RulesBox heading={t("reports.rulesHeading")} lines={ruleLines(setting, appliedRules(ctx, { contactsShown: false, smallCell: !identifying }))} />
      <View style={{ flexDirection: "row", flexWrap: "wrap", marginBottom: 8 }}>
        {[
          [t("reports.summary.newCases"), single(newCases)],
          [t("reports.summary.statusChanges"), single(eventCount)],
          [t("reports.summary.protests"), single(protests)],
          [t("reports.summary.policeActions"), single(policeCount)],
          [t("reports.summary.advocacy"), single(advocacy.length)],
          [t("reports.summary.answered"), single(answered)],
        ].map(([label, value], i) => (
          <View key={i} style={{ width: "33%", padding: 4 }}>
            <Text style={{ fontSize: 16, fontWeight: 700 }}>{value}</Text>
            <Text style={pdfStyles.muted}>{label}</Text>
          </View>
        ))}
      </View>
      {chart(t("reports.summary.byStatus"), casesByStatus)}
      {chart(t("reports.summary.byEvent"), eventsByType, "#7c3aed")}
      {chart(t("reports.summary.byType"), policeByType, "#b91c1c")}
      {chart(t("reports.summary.outcomes"), policeByOutcome, "#b45309")}
      {chart(t("reports.summary.byAdvocacy"), advocacyByType, "#15803d")}
      <Section title={t("reports.summary.newCases")}>
        {listed.length === 0 ? <Muted>{t("reports.none")}</Muted> : null}
        {listed.length ? (
          <Table
            header={[t("reports.register.case"), t("reports.dossier.status"), t("reports.dossier.prefecture")]}
            rows={listed.map((view) =>
              view.visibility === "full"
                ? [`${view.label} · ${view.record.subject.displayName}`, t(`cases.status.${view.record.status}`), view.facets.hometownPrefecture ?? ""]
                : [t("reports.pseudonym", { code: view.label }), t(`cases.status.${view.status}`), view.hometownPrefecture ?? ""],
            )}
          />
        ) : null}
        {newCases > caseRecords.length ? <Muted>{t("reports.summary.listCapped", { shown: caseRecords.length, total: newCases })}</Muted> : null}
      </Section>
    </ReportDocument>
  );
  return { records, render };
}
