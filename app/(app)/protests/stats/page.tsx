import { getLocale, getTranslations } from "next-intl/server";
import { DateFilterInput } from "@/components/date-filter-input";
import { buttonClasses } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { requireCtx } from "@/lib/auth/context";
import { publishedCountFormatter } from "@/lib/format/published-count";
import { isLocale } from "@/lib/i18n/config";
import { formatMoney, POLICE_ACTION_TYPES, POLICE_OUTCOMES, PROTEST_KINDS } from "@/lib/protests/format";
import { getProtestStats } from "@/lib/protests/protest-stats";
import { protestListQuerySchema } from "@/lib/validations/protest";
import { parseInput } from "@/lib/service-kit";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// /protests/stats — protests and police actions in numbers: counts only, no names, for analysts too
export default async function ProtestStatsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireCtx("stats.read");
  const t = await getTranslations("protests");
  const tp = await getTranslations("police");
  const raw = await searchParams;
  const first = (key: string) => (Array.isArray(raw[key]) ? raw[key][0] : raw[key]) || undefined;
  const range = parseInput(protestListQuerySchema.pick({ from: true, to: true }).catch({ from: null, to: null }), { from: first("from"), to: first("to") });
  const stats = await getProtestStats(ctx, range);
  const lang = await getLocale();
  const locale = isLocale(lang) ? lang : "en";
  const tCommon = await getTranslations("common");
  const n = publishedCountFormatter(tCommon, locale, stats.threshold);
  const fines = Object.entries(stats.finesByCurrency);

  const summary: [string, string][] = [
    [t("stats.protests"), n(stats.protestsByKind.total)],
    [t("stats.participations"), n(stats.participations)],
    [t("stats.policeActions"), n(stats.policeActionsByType.total)],
    [t("stats.pending"), n(stats.policeActionsByStatus.cells.PENDING)],
    [
      t("stats.fines"),
      fines.length ? fines.map(([currency, amount]) => (amount.value === undefined ? `${n(amount)} (${currency})` : formatMoney(amount.value, currency, locale))).join(", ") : "—",
    ],
    [t("stats.daysServed"), n(stats.daysServed)],
  ];
  const breakdowns: { caption: string; rows: [string, string][] }[] = [
    { caption: t("stats.byKind"), rows: PROTEST_KINDS.map((kind) => [t(`kind.${kind}`), n(stats.protestsByKind.cells[kind])]) },
    { caption: t("stats.byType"), rows: POLICE_ACTION_TYPES.map((type) => [tp(`type.${type}`), n(stats.policeActionsByType.cells[type])]) },
    { caption: t("stats.byOutcome"), rows: POLICE_OUTCOMES.map((outcome) => [tp(`outcome.${outcome}`), n(stats.outcomes.cells[outcome])]) },
  ];

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("stats.title")}</h1>
        <p className="text-sm text-slate-600">{t("stats.intro")}</p>
        {stats.exact ? null : <p className="text-sm text-slate-600">{tCommon("smallCell.hiddenNote", { n: stats.threshold })}</p>}
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3">
        <div className="text-sm">
          <label htmlFor="stats-from" className="block font-medium text-slate-800">{t("from")}</label>
          <DateFilterInput id="stats-from" name="from" defaultValue={first("from")} />
        </div>
        <div className="text-sm">
          <label htmlFor="stats-to" className="block font-medium text-slate-800">{t("to")}</label>
          <DateFilterInput id="stats-to" name="to" defaultValue={first("to")} />
        </div>
        <button type="submit" className={buttonClasses("secondary")}>
          {t("applyFilters")}
        </button>
      </form>
      <dl className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3" data-testid="protest-stats">
        {summary.map(([label, value]) => (
          <div key={label}>
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="text-xl font-semibold text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-4 lg:grid-cols-3">
        {breakdowns.map(({ caption, rows }) => (
          <section key={caption} className="space-y-2">
            <h2 className="text-lg font-semibold text-slate-900">{caption}</h2>
            <Table caption={caption}>
              <thead>
                <tr>
                  <Th>{t("stats.category")}</Th>
                  <Th className="text-right">{t("stats.count")}</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map(([label, count]) => (
                  <tr key={label}>
                    <Td>{label}</Td>
                    <Td className="text-right">{count}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </section>
        ))}
      </div>
    </div>
  );
}
