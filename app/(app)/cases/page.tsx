import { Link } from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { CaseStatusBadge } from "@/components/case-status-badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { requireCtx } from "@/lib/auth/context";
import { can } from "@/lib/authz";
import { findCases } from "@/lib/cases/find-cases";
import { listAssignableMembers } from "@/lib/cases/members";
import { formatDate, formatUncertainDate } from "@/lib/format/date";
import type { Locale } from "@/lib/i18n/config";
import { gazetteerPlaces } from "@/lib/places/gazetteer-places";
import { placeName } from "@/lib/places/place-name";
import { CaseListFilters } from "./_components/case-list-filters";
import { landOnLastPage } from "@/lib/pagination";

type SearchParams = Record<string, string | string[] | undefined>;

function flat(searchParams: SearchParams): Record<string, string> {
  return Object.fromEntries(
    Object.entries(searchParams).flatMap(([key, value]) => (typeof value === "string" ? [[key, value]] : Array.isArray(value) && value[0] ? [[key, value[0]]] : [])),
  );
}

// The case list: every filter lives in the URL, so a link reproduces the view.
export default async function CasesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requireCtx("cases.read");
  const t = await getTranslations("cases");
  const tCommon = await getTranslations("common");
  const locale = (await getLocale()) as Locale;
  const query = flat(await searchParams);
  const [result, members, places] = await Promise.all([findCases(ctx, query), listAssignableMembers(ctx), gazetteerPlaces(ctx)]);
  const pageCount = Math.max(1, Math.ceil(result.total / result.pageSize));
  const hrefFor = (page: number) => {
    const next = new URLSearchParams(query);
    next.set("page", String(page));
    return `/cases?${next.toString()}`;
  };
  // past the counted cap the last page is not known: such a page is shown as it is
  if (!result.totalCapped) landOnLastPage(result.page, pageCount, result.total, hrefFor);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        {can(ctx, "cases.create") ? (
          <Link href="/cases/new" className={buttonClasses("primary")}>
            {t("newCase")}
          </Link>
        ) : null}
      </div>

      <CaseListFilters
        params={{
          q: result.params.q,
          status: result.params.status ?? "",
          disclosure: result.params.disclosure ?? "",
          verification: result.params.verification ?? "",
          assignee: result.params.assignee ?? "",
          tag: result.params.tag ?? "",
          hometown: result.params.hometown ?? "",
          // as given, so "наурыз 2018" is shown again as a month, not as its first day
          from: result.params.from ? (query.from ?? "") : "",
          to: result.params.to ? (query.to ?? "") : "",
          deleted: result.params.deleted ?? "",
          un: result.params.un ?? "",
          sort: result.params.sort,
          dir: result.params.dir,
        }}
        members={members.map((m) => ({ id: m.userId, name: m.name }))}
        places={places.map((place) => placeName(place, locale))}
        canSeeDeleted={can(ctx, "cases.delete")}
      />

      <p className="text-sm text-slate-700" role="status">
        {result.totalCapped ? t("resultCountCapped", { count: result.total }) : t("resultCount", { count: result.total })}
      </p>

      {result.items.length === 0 ? (
        <EmptyState title={t("noResults")}>{t("noResultsHint")}</EmptyState>
      ) : (
        // a phone shows each case as a card with every field under its name; wider screens the table
        <Table caption={t("title")} cards data-testid="case-list">
          <thead>
            <tr>
              <Th>{t("columns.reference")}</Th>
              <Th>{t("columns.subject")}</Th>
              <Th>{t("columns.status")}</Th>
              <Th>{t("columns.disclosure")}</Th>
              <Th>{t("columns.verification")}</Th>
              <Th>{t("columns.priority")}</Th>
              <Th>{t("columns.lastEvent")}</Th>
              <Th>{t("columns.updated")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {result.items.map((item) => (
              <tr key={item.id} className="hover:bg-slate-50">
                <Td className="font-mono whitespace-nowrap">
                  <Link href={`/cases/${item.id}`} className="text-sky-800 underline-offset-2 hover:underline">
                    {item.reference}
                  </Link>
                </Td>
                <Td label={t("columns.subject")}>
                  <Link href={`/cases/${item.id}`} className="hover:underline" dir="auto">
                    {item.subjectName}
                  </Link>
                </Td>
                <Td label={t("columns.status")}>
                  <CaseStatusBadge status={item.status} label={t(`status.${item.status}`)} />
                </Td>
                <Td label={t("columns.disclosure")}>{t(`disclosure.${item.disclosureLevel}`)}</Td>
                <Td label={t("columns.verification")}>{t(`verification.${item.verificationLevel}`)}</Td>
                <Td label={t("columns.priority")}>{t(`priority.${item.priority}`)}</Td>
                <Td label={t("columns.lastEvent")} className="whitespace-nowrap">
                  {item.lastEventDate ? formatUncertainDate(item.lastEventDate, "DAY", locale) : t("empty")}
                </Td>
                <Td label={t("columns.updated")} className="whitespace-nowrap">{formatDate(item.updatedAt, locale)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      <Pagination
        page={result.page}
        pageCount={pageCount}
        href={hrefFor}
        labels={{
          previous: tCommon("previous"),
          next: tCommon("next"),
          status: tCommon("pageOf", { page: result.page, count: pageCount }),
          nav: tCommon("pagination"),
        }}
      />
    </div>
  );
}
