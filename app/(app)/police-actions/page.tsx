import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { DateFilterInput } from "@/components/date-filter-input";
import { ListFilterActions } from "@/components/list-filter-actions";
import { ReportDownloadButton } from "@/components/report-download-button";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Pagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { can } from "@/lib/authz";
import { requireCtx } from "@/lib/auth/context";
import { findPoliceActions } from "@/lib/police-actions/find-police-actions";
import { POLICE_ACTION_TYPES, POLICE_OUTCOMES } from "@/lib/protests/format";
import { PoliceActionTable } from "./_components/police-action-table";
import { landOnLastPage } from "@/lib/pagination";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// /police-actions — the list with filters (date range, city, type, outcome, status, person) and search, all in the URL
export default async function PoliceActionsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireCtx("protests.read");
  const t = await getTranslations("police");
  const tReports = await getTranslations("reports");
  const raw = await searchParams;
  const query = Object.fromEntries(
    Object.entries(raw).flatMap(([key, value]) => {
      const v = Array.isArray(value) ? value[0] : value;
      return v ? [[key, v]] : [];
    }),
  ) as Record<string, string>;
  const list = await findPoliceActions(ctx, query);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  landOnLastPage(list.page, pages, list.total, (page) => `/police-actions?${new URLSearchParams({ ...query, page: String(page) })}`);
  const filtered = ["from", "to", "city", "type", "outcome", "status", "personId", "protestId", "q"].some((key) => query[key]);
  const select = (name: string, values: readonly string[], labelKey: string, prefix: string) => (
    <label className="text-sm">
      <span className="block font-medium text-slate-800">{t(labelKey as never)}</span>
      <Select name={name} defaultValue={query[name] ?? ""}>
        <option value="">{t("any")}</option>
        {values.map((value) => (
          <option key={value} value={value}>
            {t(`${prefix}.${value}` as never)}
          </option>
        ))}
      </Select>
    </label>
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
        <div className="flex flex-wrap gap-2">
          <Link href="/police-actions/upcoming" className={buttonClasses("secondary")}>
            {t("upcomingLink")}
          </Link>
          {can(ctx, "reports.anonymised")
            ? (["csv", "xlsx", "pdf"] as const).map((format) => (
                <ReportDownloadButton
                  key={format}
                  // the register takes the list's own filters, as they are in the address
                  request={{ kind: "register", format, from: query.from, to: query.to, city: query.city, type: query.type, outcome: query.outcome, status: query.status, q: query.q }}
                  label={`${tReports("form.downloadRegister")} (${format.toUpperCase()})`}
                />
              ))
            : null}
          {can(ctx, "protests.write") ? (
            <Link href="/police-actions/new" className={buttonClasses("primary")}>
              {t("new")}
            </Link>
          ) : null}
        </div>
      </div>
      <form method="get" role="search" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
        <label className="text-sm lg:col-span-2">
          <span className="block font-medium text-slate-800">{t("search")}</span>
          <Input name="q" defaultValue={query.q ?? ""} placeholder={t("searchHint")} />
        </label>
        <div className="text-sm">
          <label htmlFor="police-from" className="block font-medium text-slate-800">{t("fields.date")} ≥</label>
          <DateFilterInput id="police-from" name="from" defaultValue={query.from} />
        </div>
        <div className="text-sm">
          <label htmlFor="police-to" className="block font-medium text-slate-800">{t("fields.date")} ≤</label>
          <DateFilterInput id="police-to" name="to" defaultValue={query.to} />
        </div>
        <label className="text-sm">
          <span className="block font-medium text-slate-800">{t("fields.city")}</span>
          <Input name="city" defaultValue={query.city ?? ""} />
        </label>
        {select("type", POLICE_ACTION_TYPES, "fields.type", "type")}
        {select("outcome", POLICE_OUTCOMES, "fields.outcome", "outcome")}
        {select("status", ["PENDING", "RESOLVED"], "fields.status", "status")}
        {query.personId ? <input type="hidden" name="personId" value={query.personId} /> : null}
        {query.protestId ? <input type="hidden" name="protestId" value={query.protestId} /> : null}
        <ListFilterActions
          filtered={filtered}
          clearHref="/police-actions"
          labels={{ apply: t("applyFilters"), clear: t("clearFilters"), count: t("count", { count: list.total }) }}
          className="lg:col-span-4"
        />
      </form>
      {list.items.length === 0 ? <EmptyState title={filtered ? t("noMatch") : t("empty")} /> : <PoliceActionTable items={list.items} caption={t("title")} />}
      <Pagination
        page={list.page}
        pageCount={pages}
        href={(page) => `/police-actions?${new URLSearchParams({ ...query, page: String(page) })}`}
        labels={{ previous: t("previous"), next: t("next"), status: t("pageOf", { page: list.page, pages }), nav: t("title") }}
      />
    </div>
  );
}
