// For the case page: what was asked of whom on this case, and what came back; with forms to add an
// action and record a response for those who may work the case.
import { getLocale, getTranslations } from "next-intl/server";
import { addAdvocacyActionAction, recordAdvocacyResponseAction } from "@/app/(app)/cases/actions";
import { findCaseAdvocacyActions } from "@/lib/advocacy/find-advocacy-actions";
import { can } from "@/lib/authz";
import { requireCtx } from "@/lib/auth/context";
import { formatDay } from "@/lib/protests/format";
import { AdvocacyActionForm, AdvocacyResponseForm } from "./advocacy-action-form";

export async function AdvocacyActionsPanel({ caseId, openForm = false }: { caseId: string; openForm?: boolean }) {
  const ctx = await requireCtx("cases.read");
  const t = await getTranslations("advocacy");
  const locale = await getLocale();
  const actions = await findCaseAdvocacyActions(ctx, caseId);
  const mayWrite = can(ctx, "cases.update");

  // bound server actions from the case actions file, so the sweep of every action covers them
  const addAction = addAdvocacyActionAction.bind(null, caseId);

  return (
    <section aria-labelledby={`advocacy-${caseId}`} className="space-y-3">
      <h2 id={`advocacy-${caseId}`} className="text-lg font-semibold text-slate-900">
        {t("panelTitle")}
      </h2>
      {actions.length === 0 ? <p className="text-sm text-slate-600">{t("empty")}</p> : null}
      <ol className="space-y-3">
        {actions.map((a) => {
          const saveResponse = recordAdvocacyResponseAction.bind(null, caseId, a.id);
          return (
            <li key={a.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="font-medium text-slate-900">
                {t(`type.${a.type}`)} · {a.recipient}
              </p>
              <p className="text-sm text-slate-600">
                {formatDay(a.date, locale)}
                {a.theirReference ? ` · ${t("fields.theirReference")}: ${a.theirReference}` : ""}
              </p>
              {a.description ? <p className="mt-2 whitespace-pre-wrap text-slate-800">{a.description}</p> : null}
              <div className="mt-2 border-l-4 border-slate-200 pl-3">
                {a.responseDate || a.response ? (
                  <>
                    <p className="text-sm font-medium text-slate-700">
                      {t("fields.response")} · {formatDay(a.responseDate, locale)}
                    </p>
                    {a.response ? <p className="whitespace-pre-wrap text-slate-800">{a.response}</p> : null}
                  </>
                ) : (
                  <p className="text-sm text-amber-800">
                    {t("noResponse")} · {t("daysWaiting", { days: a.daysWaiting ?? 0 })}
                  </p>
                )}
              </div>
              {mayWrite && !a.responseDate && !a.response ? <AdvocacyResponseForm save={saveResponse} version={a.version} /> : null}
            </li>
          );
        })}
      </ol>
      {mayWrite ? <AdvocacyActionForm key={openForm ? "open" : "closed"} save={addAction} initiallyOpen={openForm} idPrefix={openForm ? "advocacy-new" : undefined} /> : null}
    </section>
  );
}
