import { Link } from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ImportSourceNote } from "@/components/import-source-note";
import { buttonClasses } from "@/components/ui/button";
import { requireCtx } from "@/lib/auth/context";
import { findImportSource } from "@/lib/imports/find-import-source";
import { getPoliceAction } from "@/lib/police-actions/get-police-action";
import { formatDateTime, formatDay, formatMoney } from "@/lib/protests/format";
import { PoliceActionOutcomeForm } from "../_components/police-action-outcome-form";
import { orNotFound } from "@/lib/or-not-found";

// /police-actions/{id} — one police action, its outcome, and the form to record the outcome
export default async function PoliceActionPage({ params }: { params: Promise<{ actionId: string }> }) {
  const ctx = await requireCtx("protests.read");
  const { actionId } = await params;
  const t = await getTranslations("police");
  const tp = await getTranslations("protests");
  const locale = await getLocale();
  const a = await orNotFound(getPoliceAction(ctx, actionId));
  const importSource = await findImportSource(ctx, "PoliceAction", a.id);
  const rows: [string, React.ReactNode][] = [
    [t("fields.date"), formatDay(a.date, locale)],
    [
      t("fields.person"),
      <Link key="p" href={`/people/${a.personId}`} className="text-sky-800 underline">
        {a.personName}
      </Link>,
    ],
    [
      t("fields.protest"),
      a.protest ? (
        <Link key="pr" href={`/protests/${a.protest.id}`} className="text-sky-800 underline">
          {formatDateTime(a.protest.startsAt, locale)} · {a.protest.city}
        </Link>
      ) : (
        "—"
      ),
    ],
    [t("fields.authority"), a.authority ?? "—"],
    [t("fields.legalBasis"), a.legalBasis ?? "—"],
    [t("fields.hearingAt"), a.hearingAt ? formatDateTime(a.hearingAt, locale) : "—"],
    [t("fields.lawyer"), a.lawyer ?? "—"],
    [t("fields.durationHours"), a.durationHours ?? "—"],
    [t("fields.arrestDays"), a.arrestDays ?? "—"],
    [t("fields.fineAmount"), formatMoney(a.fineAmount, a.currency, locale)],
    [t("fields.status"), t(`status.${a.status}`)],
  ];
  return (
    <article className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm text-slate-600">
            <Link href="/police-actions" className="underline-offset-2 hover:underline">
              {t("title")}
            </Link>
          </p>
          <h1 className="text-2xl font-semibold text-slate-900">
            {t(`type.${a.type}`)} · {a.personName}
          </h1>
          <ImportSourceNote source={importSource} />
        </div>
        {a.canEdit ? (
          <Link href={`/police-actions/${a.id}/edit`} className={buttonClasses("secondary")}>
            {t("edit")}
          </Link>
        ) : null}
      </header>
      <dl className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="text-slate-900">{value}</dd>
          </div>
        ))}
        {a.description ? (
          <div className="sm:col-span-2">
            <dt className="text-sm text-slate-600">{t("fields.description")}</dt>
            <dd className="whitespace-pre-wrap text-slate-900">{a.description}</dd>
          </div>
        ) : null}
      </dl>
      <section aria-labelledby="outcome-heading" className="space-y-2">
        <h2 id="outcome-heading" className="text-lg font-semibold text-slate-900">
          {t("outcomeTitle")}
        </h2>
        {a.outcome ? (
          <p className="text-slate-900" data-testid="police-outcome">
            {t(`outcome.${a.outcome}`)} ({formatDay(a.outcomeDate, locale)})
            {a.outcomeFineAmount !== null ? ` · ${formatMoney(a.outcomeFineAmount, a.currency, locale)}` : ""}
            {a.outcomeDaysServed !== null ? ` · ${t("daysSummary", { days: a.outcomeDaysServed })}` : ""}
            {a.appealResult && a.outcome !== "APPEALED" ? ` · ${t("outcome.APPEALED")}` : ""}
            {a.appealResult ? ` · ${t(`appealResult.${a.appealResult}`)}` : ""}
            {a.appealResultDate ? ` (${formatDay(a.appealResultDate, locale)})` : ""}
          </p>
        ) : (
          <p className="text-sm text-slate-600">{t("noOutcomeYet")}</p>
        )}
      </section>
      {a.canEdit ? <PoliceActionOutcomeForm action={a} /> : null}
      <p className="text-sm">
        <Link href={`/protests/person/${a.personId}`} className="text-sky-800 underline">
          {tp("timeline.title")}: {a.personName}
        </Link>
      </p>
    </article>
  );
}
