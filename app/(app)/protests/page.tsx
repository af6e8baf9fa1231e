import { Link } from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { DateFilterInput } from "@/components/date-filter-input";
import { ListFilterActions } from "@/components/list-filter-actions";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Pagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { Table, Td, Th } from "@/components/ui/table";
import { can } from "@/lib/authz";
import { requireCtx } from "@/lib/auth/context";
import { findProtestCities, findProtests } from "@/lib/protests/find-protests";
import { formatDateTime, PROTEST_KINDS } from "@/lib/protests/format";
import { landOnLastPage } from "@/lib/pagination";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// /protests — the protest list; every filter lives in the URL so a view can be shared and bookmarked
export default async function ProtestsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireCtx("protests.read");
  const t = await getTranslations("protests");
  const locale = await getLocale();
  const raw = await searchParams;
  const query = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])) as Record<string, string | undefined>;
  const list = await findProtests(ctx, { ...query, from: query.from || undefined, to: query.to || undefined });
  const cities = await findProtestCities(ctx);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const hrefFor = (page: number) => `/protests?${new URLSearchParams({ ...Object.fromEntries(Object.entries(query).filter(([, v]) => v)), page: String(page) } as Record<string, string>)}`;
  landOnLastPage(list.page, pages, list.total, hrefFor);
  const filtered = ["from", "to", "city", "kind", "personId", "q"].some((key) => query[key]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
        <div className="flex flex-wrap gap-2">
          {can(ctx, "stats.read") ? (
            <Link href="/protests/stats" className={buttonClasses("secondary")}>
              {t("stats.link")}
            </Link>
          ) : null}
          {can(ctx, "protests.write") ? (
            <Link href="/protests/new" className={buttonClasses("primary")}>
              {t("new")}
            </Link>
          ) : null}
        </div>
      </div>
      <form method="get" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6" role="search">
        <label className="text-sm lg:col-span-2">
          <span className="block font-medium text-slate-800">{t("search")}</span>
          <Input name="q" defaultValue={query.q ?? ""} placeholder={t("searchHint")} />
        </label>
        <div className="text-sm">
          <label htmlFor="protests-from" className="block font-medium text-slate-800">{t("from")}</label>
          <DateFilterInput id="protests-from" name="from" defaultValue={query.from} />
        </div>
        <div className="text-sm">
          <label htmlFor="protests-to" className="block font-medium text-slate-800">{t("to")}</label>
          <DateFilterInput id="protests-to" name="to" defaultValue={query.to} />
        </div>
        <label className="text-sm">
          <span className="block font-medium text-slate-800">{t("fields.city")}</span>
          <Input name="city" list="protest-cities" defaultValue={query.city ?? ""} />
          <datalist id="protest-cities">
            {cities.map((city) => (
              <option key={city} value={city} />
            ))}
          </datalist>
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-800">{t("fields.kind")}</span>
          <Select name="kind" defaultValue={query.kind ?? ""}>
            <option value="">{t("anyKind")}</option>
            {PROTEST_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kind.${kind}`)}
              </option>
            ))}
          </Select>
        </label>
        {query.personId ? <input type="hidden" name="personId" value={query.personId} /> : null}
        <ListFilterActions
          filtered={filtered}
          clearHref="/protests"
          labels={{ apply: t("applyFilters"), clear: t("clearFilters"), count: t("count", { count: list.total }) }}
          className="lg:col-span-6"
        />
      </form>
      {list.items.length === 0 ? (
        <EmptyState title={filtered ? t("noMatch") : t("empty")} />
      ) : (
        <Table caption={t("title")} cards data-testid="protest-list">
          <thead>
            <tr>
              <Th>{t("fields.startsAt")}</Th>
              <Th>{t("fields.kind")}</Th>
              <Th>{t("fields.city")}</Th>
              <Th>{t("fields.location")}</Th>
              <Th className="text-right">{t("fields.participantCount")}</Th>
              <Th className="text-right">{t("fields.policeActionCount")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.items.map((protest) => (
              <tr key={protest.id}>
                <Td>
                  <Link href={`/protests/${protest.id}`} className="font-medium text-sky-800 underline-offset-2 hover:underline">
                    {formatDateTime(protest.startsAt, locale)}
                  </Link>
                </Td>
                <Td label={t("fields.kind")}>{t(`kind.${protest.kind}`)}</Td>
                <Td label={t("fields.city")}>{protest.city}</Td>
                <Td label={t("fields.location")}>{protest.location ?? "—"}</Td>
                <Td label={t("fields.participantCount")} className="text-right">{protest.participantCount}</Td>
                <Td label={t("fields.policeActionCount")} className="text-right">{protest.policeActionCount}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination
        page={list.page}
        pageCount={pages}
        href={hrefFor}
        labels={{ previous: t("previous"), next: t("next"), status: t("pageOf", { page: list.page, pages }), nav: t("title") }}
      />
    </div>
  );
}
