// The list's search and filters as a plain GET form: submitting writes them into the URL.
import { Link } from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { DateFilterInput } from "@/components/date-filter-input";
import { buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { CaseStatus, DisclosureLevel, VerificationLevel } from "@/lib/generated/prisma/enums";
import { UN_READINESS_FILTERS } from "@/lib/un-submissions/readiness";
import { CASE_SORTS } from "@/lib/validations/case";

export interface CaseListFilterValues {
  q: string;
  status: string;
  disclosure: string;
  verification: string;
  assignee: string;
  tag: string;
  hometown: string;
  from: string;
  to: string;
  deleted: string;
  /** ready for a UN submission / missing elements */
  un: string;
  sort: string;
  dir: string;
}

export function CaseListFilters({
  params,
  members,
  places,
  canSeeDeleted,
}: {
  params: CaseListFilterValues;
  members: { id: string; name: string }[];
  /** gazetteer places by name in the reader's language, offered for the hometown filter */
  places: string[];
  canSeeDeleted: boolean;
}) {
  const t = useTranslations("cases");
  const tUn = useTranslations("unSubmissions");
  const label = "block text-sm font-medium text-slate-800";
  return (
    <form method="get" action="/cases" role="search" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="flex-1 space-y-1">
          <label htmlFor="case-q" className={label}>
            {t("searchLabel")}
          </label>
          <Input id="case-q" name="q" type="search" defaultValue={params.q} placeholder={t("searchPlaceholder")} autoComplete="off" />
        </div>
        <button type="submit" className={buttonClasses("primary")}>
          {t("search")}
        </button>
      </div>
      <details open={Boolean(params.status || params.disclosure || params.verification || params.assignee || params.tag || params.hometown || params.from || params.to || params.deleted || params.un)}>
        <summary className="cursor-pointer text-sm font-medium text-sky-800">{t("filters")}</summary>
        <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <div className="space-y-1">
            <label htmlFor="case-status" className={label}>{t("columns.status")}</label>
            <Select id="case-status" name="status" defaultValue={params.status}>
              <option value="">{t("any")}</option>
              {Object.values(CaseStatus).map((value) => (
                <option key={value} value={value}>{t(`status.${value}`)}</option>
              ))}
            </Select>
          </div>
          <div className="space-y-1">
            <label htmlFor="case-disclosure" className={label}>{t("columns.disclosure")}</label>
            <Select id="case-disclosure" name="disclosure" defaultValue={params.disclosure}>
              <option value="">{t("any")}</option>
              {Object.values(DisclosureLevel).map((value) => (
                <option key={value} value={value}>{t(`disclosure.${value}`)}</option>
              ))}
            </Select>
          </div>
          <div className="space-y-1">
            <label htmlFor="case-un" className={label}>{tUn("filter.label")}</label>
            <Select id="case-un" name="un" defaultValue={params.un}>
              <option value="">{tUn("filter.any")}</option>
              {UN_READINESS_FILTERS.map((value) => (
                <option key={value} value={value}>{tUn(`filter.${value}`)}</option>
              ))}
            </Select>
          </div>
          <div className="space-y-1">
            <label htmlFor="case-verification" className={label}>{t("columns.verification")}</label>
            <Select id="case-verification" name="verification" defaultValue={params.verification}>
              <option value="">{t("any")}</option>
              {Object.values(VerificationLevel).map((value) => (
                <option key={value} value={value}>{t(`verification.${value}`)}</option>
              ))}
            </Select>
          </div>
          <div className="space-y-1">
            <label htmlFor="case-assignee" className={label}>{t("fields.assignedTo")}</label>
            <Select id="case-assignee" name="assignee" defaultValue={params.assignee}>
              <option value="">{t("any")}</option>
              <option value="me">{t("assigneeMe")}</option>
              <option value="none">{t("assigneeNone")}</option>
              {members.map((member) => (
                <option key={member.id} value={member.id}>{member.name}</option>
              ))}
            </Select>
          </div>
          <div className="space-y-1">
            <label htmlFor="case-tag" className={label}>{t("tag")}</label>
            <Input id="case-tag" name="tag" defaultValue={params.tag} />
          </div>
          <div className="space-y-1">
            <label htmlFor="case-hometown" className={label}>{t("hometown")}</label>
            {/* any name of a place in any script finds it; the gazetteer's names are offered as one types */}
            <Input id="case-hometown" name="hometown" defaultValue={params.hometown} list="case-hometown-places" autoComplete="off" />
            <datalist id="case-hometown-places">
              {places.map((place) => (
                <option key={place} value={place} />
              ))}
            </datalist>
          </div>
          <div className="space-y-1">
            <label htmlFor="case-from" className={label}>{t("dateFrom")}</label>
            <DateFilterInput id="case-from" name="from" defaultValue={params.from} />
          </div>
          <div className="space-y-1">
            <label htmlFor="case-to" className={label}>{t("dateTo")}</label>
            <DateFilterInput id="case-to" name="to" defaultValue={params.to} />
          </div>
          <div className="space-y-1">
            <label htmlFor="case-sort" className={label}>{t("sort")}</label>
            <Select id="case-sort" name="sort" defaultValue={params.sort}>
              {CASE_SORTS.map((value) => (
                <option key={value} value={value}>{t(`sorts.${value}`)}</option>
              ))}
            </Select>
          </div>
          <div className="space-y-1">
            <label htmlFor="case-dir" className={label}>{t("sortDir")}</label>
            <Select id="case-dir" name="dir" defaultValue={params.dir}>
              <option value="desc">{t("sortDesc")}</option>
              <option value="asc">{t("sortAsc")}</option>
            </Select>
          </div>
          {canSeeDeleted ? (
            <label className="flex items-center gap-2 self-end text-sm">
              <input type="checkbox" name="deleted" value="1" defaultChecked={params.deleted === "1"} className="h-4 w-4" />
              {t("showDeleted")}
            </label>
          ) : null}
        </div>
        <div className="mt-3 flex gap-2">
          <button type="submit" className={buttonClasses("secondary")}>{t("applyFilters")}</button>
          <Link href="/cases" className={buttonClasses("ghost")}>{t("clearFilters")}</Link>
        </div>
      </details>
    </form>
  );
}
