import { Link } from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { BidiText } from "@/components/bidi-text";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { controlClasses } from "@/components/ui/input";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { requireCtx } from "@/lib/auth/context";
import { can } from "@/lib/authz";
import { formatUncertainDate } from "@/lib/format/date";
import type { Locale } from "@/lib/i18n/config";
import { findPeople } from "@/lib/people/find-people";
import { findPlaces } from "@/lib/places/find-places";
import { placeName } from "@/lib/places/place-name";
import { PERSON_SORTS, personQuerySchema } from "@/lib/validations/person";
import { landOnLastPage } from "@/lib/pagination";

type SearchParams = Record<string, string | string[] | undefined>;

const FILTER_KEYS = ["q", "hometown", "gender", "bornFrom", "bornTo", "hasCase", "deleted", "sort", "dir", "page", "pageSize"] as const;

// The people list: every filter lives in the address, so a link reproduces the view.
export default async function PeoplePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requireCtx("people.read");
  const t = await getTranslations("people");
  const locale = (await getLocale()) as Locale;
  const raw = await searchParams;
  const given = Object.fromEntries(
    FILTER_KEYS.map((key) => [key, Array.isArray(raw[key]) ? raw[key][0] : raw[key]]).filter(([, v]) => v !== undefined && v !== ""),
  ) as Record<string, string>;
  // a hand-edited address with a bad value falls back to the defaults instead of failing the page
  const parsed = personQuerySchema.safeParse(given);
  const query = parsed.success ? given : { q: given.q?.slice(0, 200) };
  const [result, places] = await Promise.all([findPeople(ctx, query), findPlaces(ctx, { limit: 200 })]);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const href = (page: number) => `/people?${new URLSearchParams({ ...given, page: String(page) }).toString()}`;
  landOnLastPage(result.page, pages, result.total, href);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Link href="/people/new" className={buttonClasses("primary")}>
          {t("newPerson")}
        </Link>
      </div>

      <form method="get" action="/people" className="space-y-3 rounded-md border border-slate-200 bg-white p-4" role="search">
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-64 flex-1">
            <label htmlFor="people-q" className="block text-sm font-medium">
              {t("searchLabel")}
            </label>
            <input id="people-q" name="q" type="search" defaultValue={given.q ?? ""} className={controlClasses} dir="auto" />
          </div>
          <button type="submit" className={buttonClasses("primary")}>
            {t("search")}
          </button>
        </div>
        <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <legend className="sr-only">{t("filters.title")}</legend>
          <div>
            <label htmlFor="people-hometown" className="block text-sm font-medium">
              {t("filters.hometown")}
            </label>
            <select id="people-hometown" name="hometown" defaultValue={given.hometown ?? ""} className={controlClasses}>
              <option value="">{t("filters.any")}</option>
              {places.map((place) => (
                <option key={place.id} value={place.id}>
                  {placeName(place, locale)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="people-gender" className="block text-sm font-medium">
              {t("filters.gender")}
            </label>
            <select id="people-gender" name="gender" defaultValue={given.gender ?? ""} className={controlClasses}>
              <option value="">{t("filters.any")}</option>
              {(["FEMALE", "MALE", "OTHER", "UNKNOWN"] as const).map((g) => (
                <option key={g} value={g}>
                  {t(`genders.${g}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="grid grid-cols-2 gap-2">
            <div>
              <label htmlFor="people-born-from" className="block text-sm font-medium">
                {t("filters.bornFrom")}
              </label>
              <input id="people-born-from" name="bornFrom" type="number" min={1850} max={2100} defaultValue={given.bornFrom ?? ""} className={controlClasses} />
            </div>
            <div>
              <label htmlFor="people-born-to" className="block text-sm font-medium">
                {t("filters.bornTo")}
              </label>
              <input id="people-born-to" name="bornTo" type="number" min={1850} max={2100} defaultValue={given.bornTo ?? ""} className={controlClasses} />
            </div>
          </div>
          <div>
            <label htmlFor="people-has-case" className="block text-sm font-medium">
              {t("filters.hasCase")}
            </label>
            <select id="people-has-case" name="hasCase" defaultValue={given.hasCase ?? ""} className={controlClasses}>
              <option value="">{t("filters.any")}</option>
              <option value="yes">{t("filters.yes")}</option>
              <option value="no">{t("filters.no")}</option>
            </select>
          </div>
          <div>
            <label htmlFor="people-sort" className="block text-sm font-medium">
              {t("filters.sort")}
            </label>
            <select id="people-sort" name="sort" defaultValue={given.sort ?? ""} className={controlClasses}>
              <option value="">{given.q ? t("sort.relevance") : t("sort.name")}</option>
              {PERSON_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {t(`sort.${sort}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="people-dir" className="block text-sm font-medium">
              {t("filters.direction")}
            </label>
            <select id="people-dir" name="dir" defaultValue={given.dir ?? ""} className={controlClasses}>
              <option value="">—</option>
              <option value="asc">{t("filters.asc")}</option>
              <option value="desc">{t("filters.desc")}</option>
            </select>
          </div>
          {can(ctx, "people.delete") ? (
            <div className="flex items-center gap-2 self-end py-2">
              <input id="people-deleted" name="deleted" type="checkbox" value="only" defaultChecked={given.deleted === "only"} className="h-4 w-4" />
              <label htmlFor="people-deleted" className="text-sm">
                {t("filters.deleted")}
              </label>
            </div>
          ) : null}
        </fieldset>
        <div className="flex gap-2">
          <button type="submit" className={buttonClasses("secondary")}>
            {t("filters.apply")}
          </button>
          <Link href="/people" className={buttonClasses("ghost")}>
            {t("filters.reset")}
          </Link>
        </div>
      </form>

      <p className="text-sm text-slate-700" aria-live="polite">
        {t("total", { count: result.total })}
      </p>

      {result.items.length === 0 ? (
        <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
      ) : (
        <Table caption={t("title")} cards data-testid="people-list">
          <thead>
            <tr>
              <Th scope="col">{t("columns.name")}</Th>
              <Th scope="col">{t("columns.otherNames")}</Th>
              <Th scope="col">{t("columns.birth")}</Th>
              <Th scope="col">{t("columns.hometown")}</Th>
              <Th scope="col">{t("columns.cases")}</Th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((person) => (
              <tr key={person.id}>
                <Td>
                  <Link href={`/people/${person.id}`} className="font-medium text-sky-800 underline-offset-2 hover:underline">
                    <BidiText>{person.displayName}</BidiText>
                  </Link>
                </Td>
                <Td label={t("columns.otherNames")} className="text-sm text-slate-700">
                  {person.names.slice(1, 4).map((name, index) => (
                    <span key={`${name.value}-${index}`}>
                      {index > 0 ? " · " : null}
                      <BidiText>{name.value}</BidiText>
                    </span>
                  ))}
                </Td>
                <Td label={t("columns.birth")}>{person.birthDate ? formatUncertainDate(person.birthDate, person.birthDatePrecision, locale) : "—"}</Td>
                <Td label={t("columns.hometown")}>{person.hometown ? placeName(person.hometown, locale) : person.hometownText ? <BidiText>{person.hometownText}</BidiText> : "—"}</Td>
                <Td label={t("columns.cases")}>{person.caseCount}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination
        page={result.page}
        pageCount={pages}
        href={href}
        labels={{ previous: t("previous"), next: t("next"), nav: t("pagination"), status: t("pageStatus", { page: result.page, pages }) }}
      />
    </div>
  );
}
