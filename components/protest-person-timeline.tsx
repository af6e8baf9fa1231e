// For the person page: protests, police actions with their outcomes and appeals, and relatives' cases in
// one chronological list.
import { Link } from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { can } from "@/lib/authz";
import { requireCtx } from "@/lib/auth/context";
import { formatDateTime, formatDay, formatMoney } from "@/lib/protests/format";
import { getPersonActivity } from "@/lib/protests/get-person-activity";
import { orNotFound } from "@/lib/or-not-found";

/** `standalone`: the timeline is the page, so its heading is the page's and names the person. */
export async function ProtestPersonTimeline({ personId, standalone = false }: { personId: string; standalone?: boolean }) {
  const ctx = await requireCtx("people.read");
  if (!can(ctx, "protests.read")) return null;
  const t = await getTranslations("protests");
  const tp = await getTranslations("police");
  const tc = await getTranslations("cases");
  const locale = await getLocale();
  const activity = await orNotFound(getPersonActivity(ctx, personId));
  return (
    <section aria-labelledby={`activity-${personId}`} className="space-y-3">
      {standalone ? (
        <h1 id={`activity-${personId}`} className="text-2xl font-semibold text-slate-900" dir="auto">
          {t("timeline.titleFor", { name: activity.personName })}
        </h1>
      ) : (
        <h2 id={`activity-${personId}`} className="text-lg font-semibold text-slate-900">
          {t("timeline.title")}
        </h2>
      )}
      {activity.entries.length === 0 ? (
        <p className="text-sm text-slate-600">{t("timeline.empty")}</p>
      ) : (
        <ol className="space-y-2 border-l-2 border-slate-200 pl-4" data-testid="person-activity">
          {activity.entries.map((entry) => {
            const key = `${entry.kind}-${"policeActionId" in entry ? entry.policeActionId : "protestId" in entry ? entry.protestId : entry.caseId}`;
            let body: React.ReactNode;
            let when: string;
            switch (entry.kind) {
              case "protest":
                when = formatDateTime(entry.at, locale);
                body = (
                  <Link href={`/protests/${entry.protestId}`} className="text-sky-800 underline-offset-2 hover:underline">
                    {t("timeline.protest", { role: t(`role.${entry.role}`), kind: t(`kind.${entry.protestKind}`), city: entry.city })}
                    {entry.caseReference ? ` · ${t("timeline.forCase", { reference: entry.caseReference })}` : ""}
                  </Link>
                );
                break;
              case "policeAction":
                when = formatDay(entry.date, locale);
                body = (
                  <Link href={`/police-actions/${entry.policeActionId}`} className="text-sky-800 underline-offset-2 hover:underline">
                    {tp(`type.${entry.type}`)}
                    {entry.authority ? ` · ${entry.authority}` : ""}
                    {entry.hearingAt && entry.status === "PENDING" ? ` · ${t("timeline.hearing", { date: formatDateTime(entry.hearingAt, locale) })}` : ""}
                    {` · ${tp(`status.${entry.status}`)}`}
                  </Link>
                );
                break;
              case "outcome":
                when = formatDay(entry.at, locale);
                body = (
                  <span>
                    {t("timeline.outcome", { outcome: entry.outcome ? tp(`outcome.${entry.outcome}`) : "—" })}
                    {entry.outcomeFineAmount !== null ? ` · ${formatMoney(entry.outcomeFineAmount, entry.currency, locale)}` : ""}
                    {entry.outcomeDaysServed !== null ? ` · ${tp("daysSummary", { days: entry.outcomeDaysServed })}` : ""}
                    {entry.appealResult && entry.outcome !== "APPEALED" ? ` · ${tp("outcome.APPEALED")}` : ""}
                    {entry.appealResult === "PENDING" ? ` · ${tp("appealResult.PENDING")}` : ""}
                  </span>
                );
                break;
              case "appealResult":
                when = formatDay(entry.at, locale);
                body = <span>{t("timeline.appealResult", { result: entry.appealResult ? tp(`appealResult.${entry.appealResult}`) : "—" })}</span>;
                break;
              case "relativeCase":
                when = formatDay(entry.at, locale);
                body = (
                  <Link href={`/cases/${entry.caseId}`} className="text-sky-800 underline-offset-2 hover:underline">
                    {t("timeline.relativeCase", { reference: entry.caseReference, relationship: tc(`relationship.${entry.relationship}` as never), name: entry.subjectName })}
                  </Link>
                );
                break;
            }
            return (
              <li key={key} className="text-sm">
                <span className="block text-xs text-slate-600">{when}</span>
                {body}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
