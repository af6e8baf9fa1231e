import { Link } from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ImportSourceNote } from "@/components/import-source-note";
import { buttonClasses } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { can } from "@/lib/authz";
import { requireCtx } from "@/lib/auth/context";
import { formatDateTime, formatDay, formatMoney } from "@/lib/protests/format";
import { findImportSource } from "@/lib/imports/find-import-source";
import { getProtest } from "@/lib/protests/get-protest";
import { orNotFound } from "@/lib/or-not-found";

// /protests/{id} — the protest, who took part (and for whose case), and the police actions that followed
export default async function ProtestPage({ params }: { params: Promise<{ protestId: string }> }) {
  const ctx = await requireCtx("protests.read");
  const { protestId } = await params;
  const t = await getTranslations("protests");
  const tp = await getTranslations("police");
  const locale = await getLocale();
  const protest = await orNotFound(getProtest(ctx, protestId));
  const importSource = await findImportSource(ctx, "Protest", protest.id);

  return (
    <article className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm text-slate-600">
            <Link href="/protests" className="underline-offset-2 hover:underline">
              {t("title")}
            </Link>
          </p>
          <h1 className="text-2xl font-semibold text-slate-900">
            {t(`kind.${protest.kind}`)} · {protest.city}
          </h1>
          <ImportSourceNote source={importSource} />
          <p className="text-slate-700">
            {formatDateTime(protest.startsAt, locale)}
            {protest.location ? ` · ${protest.location}` : ""}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {protest.canEdit ? (
            <Link href={`/protests/${protest.id}/edit`} className={buttonClasses("secondary")}>
              {t("edit")}
            </Link>
          ) : null}
          {can(ctx, "protests.write") ? (
            <Link href={`/police-actions/new?protestId=${protest.id}`} className={buttonClasses("primary")}>
              {t("recordPoliceAction")}
            </Link>
          ) : null}
        </div>
      </header>

      <dl className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <div>
          <dt className="text-sm text-slate-600">{t("fields.organiser")}</dt>
          <dd className="text-slate-900">{protest.organiser ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{t("fields.sources")}</dt>
          <dd className="text-slate-900">
            {protest.sources.length === 0 ? (
              "—"
            ) : (
              <ul className="list-inside list-disc">
                {protest.sources.map((source) => (
                  <li key={source.id}>
                    {source.url ? (
                      <a href={source.url} rel="noreferrer noopener" target="_blank" className="text-sky-800 underline">
                        {source.title}
                      </a>
                    ) : (
                      source.title
                    )}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        {protest.description ? (
          <div className="sm:col-span-2">
            <dt className="text-sm text-slate-600">{t("fields.description")}</dt>
            <dd className="whitespace-pre-wrap text-slate-900">{protest.description}</dd>
          </div>
        ) : null}
      </dl>

      <section aria-labelledby="participants-heading" className="space-y-2">
        <h2 id="participants-heading" className="text-lg font-semibold text-slate-900">
          {t("fields.participants")} ({protest.participants.length})
        </h2>
        {protest.participants.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noParticipants")}</p>
        ) : (
          <Table caption={t("fields.participants")}>
            <thead>
              <tr>
                <Th>{t("fields.person")}</Th>
                <Th>{t("fields.role")}</Th>
                <Th>{t("fields.forCase")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {protest.participants.map((p) => (
                <tr key={p.personId}>
                  <Td>
                    <Link href={`/people/${p.personId}`} className="text-sky-800 underline-offset-2 hover:underline">
                      {p.displayName}
                    </Link>
                  </Td>
                  <Td>
                    {t(`role.${p.role}`)}
                    <Link href={`/protests/person/${p.personId}`} className="ml-2 text-xs text-sky-800 underline">
                      {t("timeline.title")}
                    </Link>
                  </Td>
                  <Td>
                    {p.caseId ? (
                      <Link href={`/cases/${p.caseId}`} className="text-sky-800 underline-offset-2 hover:underline">
                        {p.caseReference}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>

      <section aria-labelledby="police-heading" className="space-y-2">
        <h2 id="police-heading" className="text-lg font-semibold text-slate-900">
          {t("policeActionsAfter")}
        </h2>
        {protest.policeActions.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noPoliceActions")}</p>
        ) : (
          <Table caption={t("policeActionsAfter")}>
            <thead>
              <tr>
                <Th>{tp("fields.date")}</Th>
                <Th>{tp("fields.person")}</Th>
                <Th>{tp("fields.type")}</Th>
                <Th>{tp("fields.hearingAt")}</Th>
                <Th>{tp("fields.status")}</Th>
                <Th>{tp("fields.outcome")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {protest.policeActions.map((a) => (
                <tr key={a.id}>
                  <Td>
                    <Link href={`/police-actions/${a.id}`} className="text-sky-800 underline-offset-2 hover:underline">
                      {formatDay(a.date, locale)}
                    </Link>
                  </Td>
                  <Td>{a.personName}</Td>
                  <Td>{tp(`type.${a.type}`)}</Td>
                  <Td>{a.hearingAt ? formatDateTime(a.hearingAt, locale) : "—"}</Td>
                  <Td>{tp(`status.${a.status}`)}</Td>
                  <Td>
                    {a.outcome ? tp(`outcome.${a.outcome}`) : "—"}
                    {a.outcomeFineAmount !== null ? ` · ${formatMoney(a.outcomeFineAmount, a.currency, locale)}` : ""}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </article>
  );
}
