// The case page's UN readiness panel: for each Working Group, "ready" or what is missing, each missing
// element a link to the field that fills it; the draft downloads for those who may make drafts.
import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import type { ReadinessView } from "@/lib/un-submissions/get-un-readiness";
import { UN_SUBMISSION_TYPES, type UnSubmissionKind } from "@/lib/un-submissions/readiness";
import { UN_DRAFT_LANGUAGES } from "@/lib/validations/un-submission";

export async function UnReadinessPanel({
  caseId,
  readiness,
  mayDraft,
}: {
  caseId: string;
  readiness: Record<UnSubmissionKind, ReadinessView>;
  mayDraft: boolean;
}) {
  const t = await getTranslations("unSubmissions");
  return (
    <div className="space-y-4" data-testid="un-readiness">
      {UN_SUBMISSION_TYPES.map((type) => {
        const result = readiness[type];
        const path = `/api/v1/cases/${caseId}/${type.toLowerCase()}`;
        return (
          <div key={type} className="space-y-2" data-testid={`un-readiness-${type}`}>
            <p className="text-xs text-slate-600">{t(`typeName.${type}`)}</p>
            {result.urgent ? <p className="rounded bg-red-100 px-2 py-1 text-sm font-medium text-red-900">{t("urgent")}</p> : null}
            {result.ready ? (
              <p className="font-medium text-green-800">✓ {t(`ready.${type}`)}</p>
            ) : (
              <div className="text-sm">
                <p className="font-medium text-amber-900">{t(`missingIntro.${type}`)}</p>
                <ul className="mt-1 list-disc space-y-0.5 pl-5">
                  {result.missing.map((item) => (
                    <li key={item.element}>
                      {/* the draft's own fields live in the follow-up log, which only coordinators see */}
                      {mayDraft || !item.href.includes("unForm=") ? (
                        <Link href={item.href} className="text-sky-800 underline">
                          {t(`element.${item.element}`)}
                        </Link>
                      ) : (
                        t(`element.${item.element}`)
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {result.ready && mayDraft ? (
              <form method="get" action={path} className="flex flex-wrap items-end gap-2">
                <label className="text-sm">
                  <span className="mr-2 text-slate-700">{t("draftLanguage")}</span>
                  <select name="lang" defaultValue="en" className="rounded-md border border-slate-300 px-2 py-1.5 text-sm">
                    {UN_DRAFT_LANGUAGES.map((lang) => (
                      <option key={lang} value={lang}>
                        {t(`languages.${lang}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit" name="format" value="docx" className={buttonClasses("secondary")}>
                  {t("downloadDocx")}
                </button>
                <button type="submit" name="format" value="pdf" className={buttonClasses("secondary")}>
                  {t("downloadPdf")}
                </button>
              </form>
            ) : null}
            {result.ready && !mayDraft ? <p className="text-xs text-slate-600">{t("draftsOnlyCoordinators")}</p> : null}
          </div>
        );
      })}
    </div>
  );
}
