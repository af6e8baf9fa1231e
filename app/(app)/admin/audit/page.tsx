import { Link } from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/format/date";
import type { Locale } from "@/lib/i18n/config";
import { DateFilterInput } from "@/components/date-filter-input";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Pagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { Table, Td, Th } from "@/components/ui/table";
import { requireCtx } from "@/lib/auth/context";
import { findAuditEvents, findAuditFilterOptions, type AuditEventView } from "@/lib/audit-log/find-audit-events";
import { historyKey } from "@/lib/cases/activity-groups";
import { isAppError } from "@/lib/errors";
import { landOnLastPage } from "@/lib/pagination";
import { AdminTabs } from "../_components/admin-tabs";

const FILTERS = ["from", "to", "actorUserId", "action", "entityType", "entityId"] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** Records that have a page of their own, so an event can link to what it is about. */
const ENTITY_PAGES: Record<string, string> = { Case: "/cases/", Person: "/people/", Protest: "/protests/", PoliceAction: "/police-actions/" };

function queryString(filters: Filters, page?: number): string {
  const params = new URLSearchParams();
  for (const key of FILTERS) if (filters[key]) params.set(key, filters[key]);
  if (page && page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

// The organisation's audit log for admins: filters in the URL, pages, and a CSV export of the same view.
export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx("audit.read");
  const raw = await searchParams;
  const one = (key: string) => {
    const value = raw[key];
    return (Array.isArray(value) ? value[0] : value) ?? "";
  };
  const filters = Object.fromEntries(FILTERS.map((key) => [key, one(key).trim()])) as Filters;
  const page = Math.max(1, Number.parseInt(one("page"), 10) || 1);

  const t = await getTranslations("admin.audit");
  const tAdmin = await getTranslations("admin");
  const tCommon = await getTranslations("common");
  const locale = (await getLocale()) as Locale;

  const options = await findAuditFilterOptions(ctx);
  let result: { events: AuditEventView[]; total: number; pageSize: number } = { events: [], total: 0, pageSize: 50 };
  let invalid = false;
  try {
    result = await findAuditEvents(ctx, { ...filters, page });
  } catch (error) {
    if (!isAppError(error) || error.code !== "INVALID") throw error;
    invalid = true;
  }
  const pageCount = Math.max(1, Math.ceil(result.total / result.pageSize));
  landOnLastPage(page, pageCount, result.total, (target) => `/admin/audit${queryString(filters, target)}`);
  // the action in words where the case history names it, its code beside it for filtering
  const tHistory = await getTranslations("cases.history");
  const actionLabel = (action: string) => {
    const key = historyKey(action);
    return (
      <>
        {key === "other" ? null : <span className="block font-sans text-sm">{tHistory(key as never)}</span>}
        <span className="font-mono text-xs" translate="no">{action}</span>
      </>
    );
  };
  const when = (date: Date) => formatDateTime(date, locale);
  const label = "block text-sm font-medium text-slate-800";
  const entityLink = (event: AuditEventView) => {
    if (!event.entityType) return null;
    const base = ENTITY_PAGES[event.entityType];
    const id = event.entityId ?? "";
    return (
      <span className="break-all">
        <span className="text-slate-600">{event.entityType}</span>{" "}
        {base && /^[0-9a-f-]{36}$/i.test(id) ? (
          <Link href={`${base}${id}`} className="font-mono text-xs text-sky-800 underline">
            {id}
          </Link>
        ) : (
          <span className="font-mono text-xs">{id}</span>
        )}
      </span>
    );
  };

  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{tAdmin("title")}</h1>
      <AdminTabs current="audit" />
      <p className="mb-4 text-sm text-slate-700">{t("intro")}</p>

      <form method="get" action="/admin/audit" role="search" aria-label={t("filters")} className="mb-4 space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <div className="space-y-1">
            <label htmlFor="audit-from" className={label}>{t("from")}</label>
            <DateFilterInput id="audit-from" name="from" defaultValue={filters.from} />
          </div>
          <div className="space-y-1">
            <label htmlFor="audit-to" className={label}>{t("to")}</label>
            <DateFilterInput id="audit-to" name="to" defaultValue={filters.to} />
          </div>
          <div className="space-y-1">
            <label htmlFor="audit-actor" className={label}>{t("actor")}</label>
            <Select id="audit-actor" name="actorUserId" defaultValue={filters.actorUserId}>
              <option value="">{t("anyone")}</option>
              {options.actors.map((actor) => (
                <option key={actor.id} value={actor.id}>{actor.name}</option>
              ))}
            </Select>
          </div>
          <div className="space-y-1">
            <label htmlFor="audit-action" className={label}>{t("action")}</label>
            <Input id="audit-action" name="action" defaultValue={filters.action} placeholder="person." autoComplete="off" aria-describedby="audit-action-hint" />
            <p id="audit-action-hint" className="text-xs text-slate-600">{t("actionHint")}</p>
          </div>
          <div className="space-y-1">
            <label htmlFor="audit-entity-type" className={label}>{t("entityType")}</label>
            <Select id="audit-entity-type" name="entityType" defaultValue={filters.entityType}>
              <option value="">{t("anyEntity")}</option>
              {options.entityTypes.map((type) => (
                <option key={type} value={type}>{type}</option>
              ))}
            </Select>
          </div>
          <div className="space-y-1">
            <label htmlFor="audit-entity-id" className={label}>{t("entityId")}</label>
            <Input id="audit-entity-id" name="entityId" defaultValue={filters.entityId} autoComplete="off" className="font-mono" />
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={buttonClasses("primary")}>{t("apply")}</button>
          <Link href="/admin/audit" className={buttonClasses("secondary")}>{t("clear")}</Link>
          <a href={`/api/v1/audit-events/export${queryString(filters)}`} className={buttonClasses("secondary")} download>
            {t("exportCsv")}
          </a>
        </div>
      </form>

      {invalid ? <Alert tone="error">{t("invalidFilters")}</Alert> : null}
      <p className="mb-2 text-sm text-slate-600" aria-live="polite">{t("total", { count: result.total })}</p>

      {result.events.length === 0 ? (
        <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
      ) : (
        <>
          {/* a phone shows each event as a card (Table cards), a wider screen the table */}
          <Table caption={t("title")} cards data-testid="audit-list">
            <thead>
              <tr>
                <Th>{t("time")}</Th>
                <Th>{t("actor")}</Th>
                <Th>{t("action")}</Th>
                <Th>{t("entity")}</Th>
                <Th>{t("changedFields")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {result.events.map((event) => (
                <tr key={event.id}>
                  <Td className="whitespace-nowrap">
                    <time dateTime={event.createdAt.toISOString()}>{when(event.createdAt)}</time>
                  </Td>
                  <Td label={t("actor")}>{event.actorName ?? <span className="text-slate-600">{t("system")}</span>}</Td>
                  <Td label={t("action")}>{actionLabel(event.action)}</Td>
                  <Td label={t("entity")}>{entityLink(event)}</Td>
                  <Td label={t("changedFields")} className="text-xs">{event.changedFields.join(", ")}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination
            page={page}
            pageCount={pageCount}
            href={(target) => `/admin/audit${queryString(filters, target)}`}
            labels={{
              previous: tCommon("previous"),
              next: tCommon("next"),
              status: tCommon("pageOf", { page, count: pageCount }),
              nav: tCommon("pagination"),
            }}
          />
        </>
      )}
    </>
  );
}
