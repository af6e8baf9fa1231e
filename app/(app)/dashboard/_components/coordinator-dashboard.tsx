// The dashboard of coordinators, admins and analysts: filters, headline figures with the previous period,
// charts with their numbers, and (not for analysts) what needs doing today and the workload.
import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { DateFilterInput } from "@/components/date-filter-input";
import { buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, Td, Th } from "@/components/ui/table";
import { CHART_STATUSES, FLOW_SERIES, OTHER_PLACE, YEAR_BUCKETS } from "@/lib/dashboard/charts";
import type { DashboardData, Figure, GroupFigure } from "@/lib/dashboard/get-dashboard";
import { ADVOCACY_STATES, STATUS_CHANGES } from "@/lib/dashboard/get-dashboard";
import type { ReassignCandidate } from "@/lib/dashboard/find-reassign-candidates";
import { NEEDS_DOING_ITEMS, type NeedsDoing, type TodoList } from "@/lib/dashboard/needs-doing";
import type { UnSubmissionsTodo } from "@/lib/dashboard/un-submissions-todo";
import { formatDate, formatDateTime, formatMonth } from "@/lib/format/date";
import { formatNumber } from "@/lib/format/number";
import { publishedCountFormatter } from "@/lib/format/published-count";
import { CaseStatus, PoliceActionType, PoliceOutcome } from "@/lib/generated/prisma/enums";
import type { Locale } from "@/lib/i18n/config";
import { placeName } from "@/lib/places/place-name";
import type { PublishedCount, PublishedTable } from "@/lib/stats/small-cell";
import { DASHBOARD_PERIODS } from "@/lib/validations/dashboard";
import { ChartPanel, type ChartRow } from "./chart-panel";
import { DuplicateReviewButton } from "./duplicate-review-button";
import { isolate } from "../../people/_components/isolate";
import { ReassignForm } from "./reassign-form";

const CASE_STATUSES = Object.values(CaseStatus);
const POLICE_TYPES = Object.values(PoliceActionType);
const POLICE_OUTCOMES = Object.values(PoliceOutcome);
const UN_TYPES = ["WGEID", "WGAD"] as const;

export async function CoordinatorDashboard({
  data,
  locale,
  reassign,
  filterMembers,
}: {
  data: DashboardData;
  locale: Locale;
  reassign: { userId: string; name: string; cases: ReassignCandidate[] } | null;
  filterMembers: { id: string; name: string }[] | null;
}) {
  const t = await getTranslations("dashboard");
  const tCommon = await getTranslations("common");
  const tCases = await getTranslations("cases");
  const tPolice = await getTranslations("police");
  const n = publishedCountFormatter(tCommon, locale, data.threshold);
  const { headline, charts, period, filters } = data;
  const statusLabel = (status: string) => tCases(`status.${status}` as "status.MISSING");
  const eventLabel = (type: string) => tCases(`eventType.${type}` as "eventType.DETAINED");
  const typeLabel = (type: string) => tPolice(`type.${type}` as "type.SUMMONS");
  const outcomeLabel = (outcome: string) => tPolice(`outcome.${outcome}` as "outcome.FINED");
  // the one month formatter: Kazakh month names are not in every ICU ("m03"), and read "наурыз 2018 ж." everywhere
  const monthLabel = (month: string) => formatMonth(`${month}-01T00:00:00Z`, locale);
  const chartWords = { table: t("charts.table"), csv: t("charts.csv") };

  const change = (figure: Figure | { current: PublishedCount; previous: PublishedCount | null }) => {
    const now = figure.current.value;
    const before = figure.previous?.value;
    if (!figure.previous) return null;
    if (now === undefined || before === undefined) return t("headline.previous", { value: n(figure.previous) });
    if (now === before) return t("headline.same");
    return now > before ? t("headline.up", { n: formatNumber(now - before, locale) }) : t("headline.down", { n: formatNumber(before - now, locale) });
  };

  const single = (key: string, label: string, figure: Figure) => (
    <div key={key} className="rounded-lg border border-slate-200 bg-white p-4" data-figure={key}>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900">
        {figure.href ? (
          <Link href={figure.href} className="hover:underline">
            {n(figure.current)}
          </Link>
        ) : (
          n(figure.current)
        )}
      </dd>
      {figure.previous ? <dd className="text-xs text-slate-600">{change(figure)}</dd> : null}
    </div>
  );

  const group = <K extends string>(key: string, title: string, figure: GroupFigure<K>, keys: readonly K[], label: (key: K) => string, showZero = false) => (
    <section key={key} className="min-w-0 space-y-2" data-figure={key}>
      <h3 className="font-semibold text-slate-900">{title}</h3>
      <Table caption={title}>
        <thead>
          <tr>
            <Th>{t("headline.category")}</Th>
            <Th className="text-right">{t("headline.count")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys
            .filter((cell) => showZero || figure.current.cells[cell].value !== 0 || (figure.previous?.cells[cell].value ?? 0) !== 0)
            .map((cell) => {
              const href = figure.hrefs?.[cell];
              const count = figure.current.cells[cell];
              const previous = figure.previous?.cells[cell] ?? null;
              return (
                <tr key={cell}>
                  <Td>{label(cell)}</Td>
                  <Td className="text-right tabular-nums">
                    {href ? (
                      <Link href={href} className="font-medium text-sky-800 hover:underline">
                        {n(count)}
                      </Link>
                    ) : (
                      n(count)
                    )}
                    {previous ? <span className="block text-xs text-slate-600">{change({ current: count, previous })}</span> : null}
                  </Td>
                </tr>
              );
            })}
          <tr className="bg-slate-50">
            <Td className="font-medium">{t("headline.total")}</Td>
            <Td className="text-right font-medium tabular-nums">
              {figure.hrefs?.total ? (
                <Link href={figure.hrefs.total} className="text-sky-800 hover:underline">
                  {n(figure.current.total)}
                </Link>
              ) : (
                n(figure.current.total)
              )}
              {figure.previous ? <span className="block text-xs font-normal text-slate-600">{change({ current: figure.current.total, previous: figure.previous.total })}</span> : null}
            </Td>
          </tr>
        </tbody>
      </Table>
    </section>
  );

  const monthRows = <C extends string>(table: PublishedTable<string, C>, columns: readonly C[]): ChartRow[] =>
    charts.months.map((month) => ({ key: month, label: monthLabel(month), values: Object.fromEntries(columns.map((c) => [c, table.cells[month]?.[c] ?? { value: 0 }])) }));
  const activeColumns = <C extends string>(table: PublishedTable<string, C>, columns: readonly C[]) => {
    const used = columns.filter((c) => table.columnTotals[c]?.value !== 0);
    return used.length > 0 ? used : columns.slice(0, 1);
  };
  const placeRows = (places: { key: string; nameEn: string; nameKk: string | null; nameRu: string | null }[], counts: DashboardData["charts"]["byPrefecture"]["counts"]): ChartRow[] => [
    ...places.map((place) => ({ key: place.key, label: placeName(place, locale), values: { count: counts.cells[place.key] ?? { value: 0 } } })),
    { key: OTHER_PLACE, label: t("charts.other"), values: { count: counts.cells[OTHER_PLACE] ?? { value: 0 } } },
  ];
  const countSeries = [{ key: "count", label: t("headline.count") }];
  const statusColumns = activeColumns(charts.statusByMonth, CHART_STATUSES);
  const policeColumns = activeColumns(charts.policeByMonth, POLICE_TYPES);
  const hiddenNote = data.exact ? undefined : t("charts.hiddenInChart", { n: data.threshold });

  return (
    <div className="min-w-0 space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
        <p className="text-sm text-slate-600">{data.exact ? t("intro") : t("analystIntro", { n: data.threshold })}</p>
        <p className="text-sm text-slate-700" data-testid="dashboard-range">
          {t("filters.range", {
            from: formatDate(period.from, locale),
            to: formatDate(period.to, locale),
            previousFrom: formatDate(period.previous.from, locale),
            previousTo: formatDate(period.previous.to, locale),
          })}
        </p>
      </div>

      <form method="get" className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4 print:hidden" aria-label={t("filters.legend")}>
        <label className="min-w-0 text-sm">
          <span className="block font-medium text-slate-800">{t("filters.period")}</span>
          <Select name="period" defaultValue={filters.period}>
            {DASHBOARD_PERIODS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`filters.periods.${kind}`)}
              </option>
            ))}
          </Select>
        </label>
        <div className="min-w-0 text-sm">
          <label htmlFor="dashboard-from" className="block font-medium text-slate-800">{t("filters.from")}</label>
          <DateFilterInput id="dashboard-from" name="from" defaultValue={filters.period === "custom" ? period.from : ""} />
        </div>
        <div className="min-w-0 text-sm">
          <label htmlFor="dashboard-to" className="block font-medium text-slate-800">{t("filters.to")}</label>
          <DateFilterInput id="dashboard-to" name="to" defaultValue={filters.period === "custom" ? period.to : ""} />
        </div>
        <label className="min-w-0 text-sm">
          <span className="block font-medium text-slate-800">{t("filters.status")}</span>
          <Select name="status" defaultValue={filters.status ?? ""}>
            <option value="">{t("filters.anyStatus")}</option>
            {CASE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {statusLabel(status)}
              </option>
            ))}
          </Select>
        </label>
        <label className="min-w-0 text-sm">
          <span className="block font-medium text-slate-800">{t("filters.tag")}</span>
          <Input name="tag" defaultValue={filters.tag ?? ""} />
        </label>
        <label className="min-w-0 text-sm">
          <span className="block font-medium text-slate-800">{t("filters.hometown")}</span>
          <Input name="hometown" defaultValue={filters.hometown ?? ""} />
        </label>
        {filterMembers ? (
          <label className="min-w-0 text-sm">
            <span className="block font-medium text-slate-800">{t("filters.assignee")}</span>
            <Select name="assignee" defaultValue={filters.assignee ?? ""}>
              <option value="">{t("filters.anyone")}</option>
              <option value="none">{t("filters.nobody")}</option>
              {filterMembers.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name}
                </option>
              ))}
            </Select>
          </label>
        ) : null}
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClasses("primary")}>
            {t("filters.apply")}
          </button>
          <Link href="/dashboard" className={buttonClasses("secondary")}>
            {t("filters.reset")}
          </Link>
        </div>
        <p className="text-xs text-slate-600 sm:col-span-2 lg:col-span-4">{t("filters.note")}</p>
      </form>

      {data.needsDoing ? <NeedsDoingPanel data={data} locale={locale} /> : null}

      <section aria-labelledby="headline-title" className="space-y-4">
        <h2 id="headline-title" className="text-xl font-semibold text-slate-900">
          {t("headline.title")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6" data-testid="headline-figures">
          {single("openCases", t("headline.openCases"), { current: headline.openByStatus.current.total, previous: null, href: headline.openByStatus.hrefs?.total ?? null })}
          {single("newCases", t("headline.newCases"), headline.newCases)}
          {single("protests", t("headline.protests"), headline.protests)}
          {single("participants", t("headline.participants"), headline.participants)}
          {single("policeActions", t("headline.policeActions"), { current: headline.policeByType.current.total, previous: headline.policeByType.previous?.total ?? null, href: headline.policeByType.hrefs?.total ?? null })}
          {single("pendingHearings", t("headline.pendingHearings"), headline.pendingHearings)}
          {single("advocacy", t("headline.advocacy"), { current: headline.advocacy.current.total, previous: headline.advocacy.previous?.total ?? null, href: null })}
          {single("tasksDone", t("headline.tasksDone"), headline.tasksDone)}
          {single("tasksOverdue", t("headline.tasksOverdue"), headline.tasksOverdue)}
        </dl>
        <div className="grid grid-cols-1 gap-6 md:grid-cols-2 xl:grid-cols-3">
          {group("openByStatus", t("headline.openByStatus"), headline.openByStatus, CASE_STATUSES, statusLabel)}
          {group("statusChanges", t("headline.statusChanges"), headline.statusChanges, STATUS_CHANGES, eventLabel, true)}
          {group("advocacyStates", t("headline.advocacy"), headline.advocacy, ADVOCACY_STATES, (state) => t(`headline.${state}`), true)}
          {group("policeByType", t("headline.policeByType"), headline.policeByType, POLICE_TYPES, typeLabel)}
          {group("policeByOutcome", t("headline.policeByOutcome"), headline.policeByOutcome, POLICE_OUTCOMES, outcomeLabel)}
        </div>
      </section>

      <section aria-labelledby="charts-title" className="space-y-4">
        <h2 id="charts-title" className="text-xl font-semibold text-slate-900">
          {t("charts.title")}
        </h2>
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <ChartPanel
            id="status-by-month"
            title={t("charts.statusByMonth")}
            hint={t("charts.statusByMonthHint")}
            rows={monthRows(charts.statusByMonth, statusColumns)}
            series={statusColumns.map((key) => ({ key, label: statusLabel(key) }))}
            format={n}
            categoryHeader={t("charts.month")}
            words={chartWords}
            stacked
            footnote={hiddenNote}
          />
          <ChartPanel
            id="new-and-released"
            title={t("charts.flow")}
            rows={monthRows(charts.flowByMonth, FLOW_SERIES)}
            series={FLOW_SERIES.map((key) => ({ key, label: t(`charts.${key}`) }))}
            format={n}
            categoryHeader={t("charts.month")}
            words={chartWords}
            footnote={hiddenNote}
          />
          <ChartPanel
            id="police-by-month"
            title={t("charts.policeByMonth")}
            rows={monthRows(charts.policeByMonth, policeColumns)}
            series={policeColumns.map((key) => ({ key, label: typeLabel(key) }))}
            format={n}
            categoryHeader={t("charts.month")}
            words={chartWords}
            stacked
            footnote={hiddenNote}
          />
          <ChartPanel
            id="police-outcomes"
            title={t("charts.outcomes")}
            rows={POLICE_OUTCOMES.map((outcome) => ({ key: outcome, label: outcomeLabel(outcome), values: { count: headline.policeByOutcome.current.cells[outcome] } }))}
            series={countSeries}
            format={n}
            categoryHeader={t("headline.category")}
            words={chartWords}
            horizontal
            footnote={hiddenNote}
          />
          <ChartPanel
            id="by-prefecture"
            title={t("charts.byPrefecture")}
            rows={placeRows(charts.byPrefecture.places, charts.byPrefecture.counts)}
            series={countSeries}
            format={n}
            categoryHeader={t("charts.place")}
            words={chartWords}
            horizontal
          />
          <ChartPanel
            id="by-family-region"
            title={t("charts.byFamilyRegion")}
            rows={placeRows(charts.byFamilyRegion.places, charts.byFamilyRegion.counts)}
            series={countSeries}
            format={n}
            categoryHeader={t("charts.place")}
            words={chartWords}
            horizontal
          />
          <ChartPanel
            id="detention-to-last-contact"
            title={t("charts.years")}
            hint={t("charts.yearsHint")}
            rows={YEAR_BUCKETS.map((bucket) => ({ key: bucket, label: t("charts.yearsBucket", { n: bucket }), values: { count: charts.detentionToLastContact.cells[bucket] } }))}
            series={countSeries}
            format={n}
            categoryHeader={t("charts.years")}
            words={chartWords}
          />
        </div>
      </section>

      {data.workload ? <WorkloadPanel data={data} reassign={reassign} /> : null}
    </div>
  );
}

async function TodoPanel({ id, title, list, locale, isoTime = false }: { id: string; title: string; list: TodoList; locale: Locale; isoTime?: boolean }) {
  const t = await getTranslations("dashboard");
  const more = list.count - list.items.length;
  return (
    <section aria-labelledby={`${id}-title`} className="min-w-0 space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-todo={id}>
      <h3 id={`${id}-title`} className="flex items-baseline justify-between gap-2 font-semibold text-slate-900">
        <span>{title}</span>
        <span className="rounded bg-slate-100 px-2 text-sm tabular-nums" data-testid={`${id}-count`}>
          {formatNumber(list.count, locale)}
        </span>
      </h3>
      {list.items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("today.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {list.items.map((item) => (
            <li key={item.id} className="py-1.5">
              <Link href={item.href} className="font-medium text-sky-800 hover:underline">
                {item.reference ? `${item.reference} · ` : ""}
                {item.label}
              </Link>
              <span className="block text-xs text-slate-600">
                {[item.date ? (isoTime ? formatDateTime(item.date, locale) : formatDate(item.date, locale)) : null, item.detail].filter(Boolean).join(" · ")}
              </span>
            </li>
          ))}
        </ul>
      )}
      {list.href && list.count > 0 ? (
        <Link href={list.href} className="text-sm font-medium text-sky-800 underline">
          {t("today.showAll", { count: list.count })}
        </Link>
      ) : more > 0 ? (
        <p className="text-xs text-slate-600">{t("today.more", { count: more })}</p>
      ) : null}
    </section>
  );
}

async function NeedsDoingPanel({ data, locale }: { data: DashboardData; locale: Locale }) {
  const t = await getTranslations("dashboard");
  const tPolice = await getTranslations("police");
  const todo = data.needsDoing;
  if (!todo) return null;
  const withTypes = (list: TodoList): TodoList => ({ ...list, items: list.items.map((item) => ({ ...item, detail: item.detail ? tPolice(`type.${item.detail}` as "type.SUMMONS") : null })) });
  return (
    <section aria-labelledby="today-title" className="space-y-4">
      <h2 id="today-title" className="text-xl font-semibold text-slate-900">
        {t("today.title")}
      </h2>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
        <TodoPanel id="stale-cases" title={t("today.staleCases", { days: data.settings.staleCaseDays })} list={todo.staleCases} locale={locale} />
        <TodoPanel id="tasks-due" title={t("today.tasksDue")} list={todo.tasksDue} locale={locale} />
        <TodoPanel id="hearings-soon" title={t("today.hearingsSoon")} list={withTypes(todo.hearingsSoon)} locale={locale} isoTime />
        <TodoPanel id="hearings-without-outcome" title={t("today.hearingsWithoutOutcome")} list={withTypes(todo.hearingsWithoutOutcome)} locale={locale} isoTime />
        <TodoPanel id="unassigned-cases" title={t("today.unassignedCases")} list={todo.unassignedCases} locale={locale} />
        <TodoPanel id="unanswered-advocacy" title={t("today.unansweredAdvocacy", { days: data.settings.unansweredAdvocacyDays })} list={todo.unansweredAdvocacy} locale={locale} />
        {data.unSubmissions ? <UnSubmissionsPanel todo={data.unSubmissions} locale={locale} /> : null}
        <DuplicatesPanel list={todo.likelyDuplicates} locale={locale} />
      </div>
    </section>
  );
}

async function DuplicatesPanel({ list, locale }: { list: NeedsDoing["likelyDuplicates"]; locale: Locale }) {
  const t = await getTranslations("dashboard");
  const more = list.count - list.items.length;
  return (
    <section aria-labelledby="likely-duplicates-title" className="min-w-0 space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-todo="likely-duplicates">
      <h3 id="likely-duplicates-title" className="flex items-baseline justify-between gap-2 font-semibold text-slate-900">
        <span>{t("today.likelyDuplicates")}</span>
        <span className="rounded bg-slate-100 px-2 text-sm tabular-nums" data-testid="likely-duplicates-count">
          {list.countCapped ? `${formatNumber(list.count, locale)}+` : formatNumber(list.count, locale)}
        </span>
      </h3>
      {list.items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("today.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {list.items.map((item) => (
            <li key={item.id} className="space-y-1 py-1.5">
              <Link href={item.href} className="font-medium text-sky-800 hover:underline">
                {t("today.duplicatePair", { first: isolate(item.first.displayName), second: isolate(item.second.displayName) })}
              </Link>
              <span className="block text-xs text-slate-600">{t("today.duplicateDetected", { date: formatDate(item.detectedAt.slice(0, 10), locale) })}</span>
              <DuplicateReviewButton pairId={item.id} labels={{ notSame: t("today.notSamePerson"), done: t("today.notSamePersonDone") }} />
            </li>
          ))}
        </ul>
      )}
      {more > 0 && !list.countCapped ? <p className="text-xs text-slate-600">{t("today.more", { count: more })}</p> : null}
      <p className="text-xs text-slate-500" data-testid="duplicates-checked">
        {list.checkedAt ? t("today.duplicatesChecked", { date: formatDateTime(list.checkedAt, locale) }) : t("today.duplicatesNotChecked")}
      </p>
    </section>
  );
}

async function UnSubmissionsPanel({ todo, locale }: { todo: UnSubmissionsTodo; locale: Locale }) {
  const t = await getTranslations("dashboard");
  const tUn = await getTranslations("unSubmissions");
  const shown = todo.reminders.slice(0, NEEDS_DOING_ITEMS);
  const more = todo.reminders.length - shown.length;
  const figure = (id: string, value: UnSubmissionsTodo["readiness"]["WGEID"]["ready"]) => (
    <Link href={value.href} className="font-medium text-sky-800 hover:underline" data-testid={id}>
      {formatNumber(value.count, locale)}
    </Link>
  );
  return (
    <section aria-labelledby="un-submissions-title" className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-todo="un-submissions">
      <h3 id="un-submissions-title" className="font-semibold text-slate-900">
        {t("today.unSubmissions")}
      </h3>
      <Table caption={t("today.unSubmissions")}>
        <thead>
          <tr>
            <Th>{t("today.unWorkingGroup")}</Th>
            <Th className="text-right">{t("today.unReady")}</Th>
            <Th className="text-right">{t("today.unMissing")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {UN_TYPES.map((type) => (
            <tr key={type}>
              <Td>{type}</Td>
              <Td className="text-right tabular-nums">{figure(`un-${type.toLowerCase()}-ready`, todo.readiness[type].ready)}</Td>
              <Td className="text-right tabular-nums">{figure(`un-${type.toLowerCase()}-missing`, todo.readiness[type].missing)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <div className="space-y-1">
        <h4 className="text-sm font-semibold text-slate-900">{tUn("reminders.title")}</h4>
        {shown.length === 0 ? (
          <p className="text-sm text-slate-600">{t("today.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="un-reminders">
            {shown.map((reminder) => (
              <li key={reminder.replyId} className="py-1.5">
                <Link href={reminder.href} className="font-medium text-sky-800 hover:underline">
                  {reminder.caseReference}
                </Link>
                <span className="block text-xs text-slate-600">
                  {tUn("reminders.due", { type: reminder.type, received: formatDate(reminder.receivedAt, locale), date: formatDate(reminder.respondBy, locale) })}
                  {reminder.overdue ? <span className="ml-1 font-semibold text-red-800">({tUn("reminders.overdue")})</span> : null}
                </span>
              </li>
            ))}
          </ul>
        )}
        {more > 0 ? <p className="text-xs text-slate-600">{t("today.more", { count: more })}</p> : null}
      </div>
    </section>
  );
}

async function WorkloadPanel({ data, reassign }: { data: DashboardData; reassign: { userId: string; name: string; cases: ReassignCandidate[] } | null }) {
  const t = await getTranslations("dashboard");
  const rows = data.workload ?? [];
  const members = rows.map((row) => ({ id: row.userId, name: row.name }));
  const keep = new URLSearchParams(
    Object.entries({ period: data.filters.period, from: data.filters.from, to: data.filters.to, status: data.filters.status, tag: data.filters.tag, hometown: data.filters.hometown, assignee: data.filters.assignee }).flatMap(
      ([key, value]) => (value ? [[key, value]] : []),
    ),
  );
  const reassignHref = (userId: string) => {
    const next = new URLSearchParams(keep);
    next.set("reassign", userId);
    return `/dashboard?${next.toString()}#workload`;
  };
  return (
    <section id="workload" aria-labelledby="workload-title" className="space-y-4">
      <h2 id="workload-title" className="text-xl font-semibold text-slate-900">
        {t("workload.title")}
      </h2>
      <Table caption={t("workload.title")} data-testid="workload">
        <thead>
          <tr>
            <Th>{t("workload.member")}</Th>
            <Th className="text-right">{t("workload.openCases")}</Th>
            <Th className="text-right">{t("workload.staleCases")}</Th>
            <Th className="text-right">{t("workload.openTasks")}</Th>
            <Th className="text-right">{t("workload.overdueTasks")}</Th>
            <Th>{t("workload.reassign")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.userId}>
              <Td>
                <Link href={row.href} className="font-medium text-sky-800 hover:underline">
                  {row.name}
                </Link>
              </Td>
              <Td className="text-right tabular-nums">{row.openCases}</Td>
              <Td className="text-right tabular-nums">{row.staleCases}</Td>
              <Td className="text-right tabular-nums">{row.openTasks}</Td>
              <Td className="text-right tabular-nums">{row.overdueTasks}</Td>
              <Td>
                {row.openCases > 0 ? (
                  <Link href={reassignHref(row.userId)} className="text-sm font-medium text-sky-800 underline">
                    {t("workload.reassign")}
                  </Link>
                ) : null}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {reassign ? (
        <section aria-labelledby="reassign-title" className="space-y-3 rounded-lg border border-sky-200 bg-sky-50 p-4" data-testid="reassign">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 id="reassign-title" className="font-semibold text-slate-900">
              {t("workload.reassignTitle", { name: reassign.name })}
            </h3>
            <Link href={`/dashboard?${keep.toString()}#workload`} className="text-sm text-sky-800 underline">
              {t("workload.close")}
            </Link>
          </div>
          <p className="text-sm text-slate-600">{t("workload.reassignHint")}</p>
          {reassign.cases.length === 0 ? (
            <p className="text-sm">{t("workload.noCases")}</p>
          ) : (
            <ul className="space-y-3">
              {reassign.cases.map((item) => (
                <li key={item.id} className="flex flex-col gap-1 sm:flex-row sm:items-center sm:justify-between">
                  <Link href={`/cases/${item.id}`} className="text-sm font-medium text-sky-800 hover:underline">
                    {item.reference} · {item.subjectName}
                  </Link>
                  <ReassignForm
                    caseId={item.id}
                    version={item.version}
                    currentAssigneeId={reassign.userId}
                    members={members}
                    labels={{ newAssignee: t("workload.newAssignee", { reference: item.reference }), unassign: t("workload.unassign"), save: t("workload.save"), saved: t("workload.saved") }}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </section>
  );
}
