import { Link } from "@/components/ui/link";
import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { BidiText } from "@/components/bidi-text";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { requireCtx } from "@/lib/auth/context";
import { can } from "@/lib/authz";
import { isAppError } from "@/lib/errors";
import { formatUncertainDate } from "@/lib/format/date";
import type { Locale } from "@/lib/i18n/config";
import { findSurvivorId, listMerges } from "@/lib/people/get-merge";
import { ImportSourceNote } from "@/components/import-source-note";
import { findImportSource } from "@/lib/imports/find-import-source";
import { getPerson } from "@/lib/people/get-person";
import { getPersonTimeline } from "@/lib/people/get-person-timeline";
import { placeName } from "@/lib/places/place-name";
import { PersonAdminActions } from "../_components/person-admin-actions";
import { PersonEraseForm } from "./_components/person-erase-form";
import { PersonPortraitForm } from "./_components/person-portrait-form";

// One person: names in every script, facts, contact details where allowed, and everything they appear in.
export default async function PersonPage({ params }: { params: Promise<{ personId: string }> }) {
  const ctx = await requireCtx("people.read");
  const { personId } = await params;
  const t = await getTranslations("people");
  const locale = (await getLocale()) as Locale;

  let person;
  try {
    person = await getPerson(ctx, personId, { includeDeleted: true });
  } catch (error) {
    if (!isAppError(error) || error.code !== "NOT_FOUND") throw error;
    // an old link to a merged record leads to the record it was merged into
    const survivorId = await findSurvivorId(ctx, personId);
    if (survivorId) redirect(`/people/${survivorId}`);
    notFound();
  }
  const [timeline, merges, importSource] = await Promise.all([getPersonTimeline(ctx, personId), listMerges(ctx, personId), findImportSource(ctx, "Person", personId)]);
  if (person.erasedAt) {
    // a tombstone: nothing about the person is left to show, only that the record was erased
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">{t("erasure.erasedName")}</h1>
        <Alert tone="warning" title={t("erasure.erasedBanner")}>
          {t("erasure.erasedOn", { date: formatUncertainDate(person.erasedAt.slice(0, 10), "DAY", locale) })}
        </Alert>
        <p className="text-sm text-slate-700">{t("erasure.erasedExplain", { count: timeline.length })}</p>
      </div>
    );
  }
  const facts: [string, React.ReactNode][] = [
    [t("fields.gender"), t(`genders.${person.gender}`)],
    [t("fields.birthDate"), person.birthDate ? formatUncertainDate(person.birthDate, person.birthDatePrecision, locale) : t("notRecorded")],
    ...(person.deathDate ? [[t("fields.deathDate"), formatUncertainDate(person.deathDate, person.deathDatePrecision, locale)] as [string, string]] : []),
    [t("fields.ethnicity"), person.ethnicity ?? t("notRecorded")],
    [t("fields.citizenships"), person.citizenships.length ? person.citizenships.join(", ") : t("notRecorded")],
    [
      t("fields.hometown"),
      person.hometown ? (
        placeName(person.hometown, locale)
      ) : person.hometownText ? (
        <BidiText>{person.hometownText}</BidiText>
      ) : (
        t("notRecorded")
      ),
    ],
  ];

  return (
    <div className="space-y-6">
      {person.deletedAt ? <Alert tone="warning">{t("deletedBanner")}</Alert> : null}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">
            <BidiText>{person.displayName}</BidiText>
          </h1>
          <ImportSourceNote source={importSource} />
        </div>
        <div className="flex flex-wrap gap-2">
          {!person.deletedAt && can(ctx, "people.write") ? (
            <Link href={`/people/${person.id}/edit`} className={buttonClasses("primary")}>
              {t("edit")}
            </Link>
          ) : null}
          {!person.deletedAt && can(ctx, "people.merge") ? (
            <Link href={`/people/${person.id}/merge`} className={buttonClasses("secondary")}>
              {t("mergePerson")}
            </Link>
          ) : null}
          {can(ctx, "people.delete") ? <PersonAdminActions personId={person.id} deleted={Boolean(person.deletedAt)} /> : null}
        </div>
      </div>

      {person.documentMatches.length > 0 ? (
        <Alert tone="warning" title={t("documents.sameNumberTitle")}>
          <ul className="space-y-1" data-testid="document-matches">
            {person.documentMatches.map((other) => (
              <li key={other.id} className="flex flex-wrap items-center gap-2">
                <Link href={`/people/${other.id}`} className="font-medium text-sky-800 underline">
                  <BidiText>{other.displayName}</BidiText>
                </Link>
                {can(ctx, "people.merge") && !person.deletedAt ? (
                  <Link href={`/people/${person.id}/merge`} className="text-sm text-sky-800 underline">
                    {t("documents.mergeWith")}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="names-title" className="rounded-md border border-slate-200 bg-white p-4">
          <h2 id="names-title" className="mb-2 text-lg font-semibold">
            {t("fields.names")}
          </h2>
          <ul className="space-y-1">
            {person.names.map((name) => (
              <li key={name.id} className="flex flex-wrap items-baseline gap-2">
                <BidiText className={name.isPrimary ? "font-semibold" : ""}>{name.value}</BidiText>
                <span className="text-xs text-slate-600">
                  {t(`kinds.${name.kind}`)} · {t(`scripts.${name.script}`)}
                </span>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="facts-title" className="rounded-md border border-slate-200 bg-white p-4">
          <h2 id="facts-title" className="mb-2 text-lg font-semibold">
            {t("fields.birthDate")} · {t("fields.hometown")}
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-600">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </section>

        <section aria-labelledby="contact-title" className="rounded-md border border-amber-200 bg-amber-50/40 p-4 lg:col-span-2">
          <h2 id="contact-title" className="mb-2 text-lg font-semibold">
            {t("fields.contact")}
          </h2>
          {!person.contactVisible ? (
            <p className="text-sm text-slate-700">{t("contactHidden")}</p>
          ) : (
            <>
              {person.contact ? (
                <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                  {(["phone", "messenger", "address"] as const)
                    .filter((field) => person.contact?.[field])
                    .map((field) => (
                      <div key={field} className="contents">
                        <dt className="text-slate-600">{t(`fields.${field}`)}</dt>
                        <dd>
                          <BidiText>{person.contact?.[field]}</BidiText>
                        </dd>
                      </div>
                    ))}
                </dl>
              ) : (
                <p className="text-sm text-slate-700">{t("noContact")}</p>
              )}
              {person.hasPortrait ? (
                <div className="mt-3">
                  <h3 className="text-sm font-semibold">{t("portrait.title")}</h3>
                  {/* eslint-disable-next-line @next/next/no-img-element -- an audited, access-checked API answer, not a static asset */}
                  <img src={`/api/v1/people/${person.id}/portrait`} alt={t("portrait.alt", { name: person.displayName })} className="mt-1 max-h-56 rounded border border-slate-200" />
                </div>
              ) : null}
              {!person.deletedAt && can(ctx, "people.write") ? (
                <details className="mt-3 text-sm">
                  <summary className="cursor-pointer text-slate-700">{person.hasPortrait ? t("portrait.change") : t("portrait.add")}</summary>
                  <div className="mt-2">
                    <PersonPortraitForm personId={person.id} hasPortrait={person.hasPortrait} />
                  </div>
                </details>
              ) : null}
              {person.notes ? (
                <div className="mt-3">
                  <h3 className="text-sm font-semibold">{t("fields.notes")}</h3>
                  <BidiText as="p" className="text-sm whitespace-pre-wrap">
                    {person.notes}
                  </BidiText>
                </div>
              ) : null}
            </>
          )}
        </section>
      </div>

      <section aria-labelledby="documents-title" className="rounded-md border border-amber-200 bg-amber-50/40 p-4">
        <h2 id="documents-title" className="mb-2 text-lg font-semibold">
          {t("documents.title")}
        </h2>
        {person.documents.length === 0 ? (
          <p className="text-sm text-slate-700">{t("documents.none")}</p>
        ) : (
          <>
            {!person.contactVisible ? <p className="mb-2 text-sm text-slate-700">{t("documents.masked")}</p> : null}
            <ul className="space-y-2 text-sm" data-testid="person-documents">
              {person.documents.map((document) => (
                <li key={document.id}>
                  <span className="text-slate-600">{t(`documents.kinds.${document.kind}`)}:</span>{" "}
                  <span className="font-mono">{document.number ?? document.masked}</span>
                  {document.issuingCountry ? <span className="ml-2 text-xs text-slate-600">{document.issuingCountry}</span> : null}
                  {document.checkOverridden ? (
                    <span className="ml-2 rounded bg-amber-200 px-1.5 py-0.5 text-xs text-amber-950">{t("documents.overridden")}</span>
                  ) : null}
                  {document.issuedOn || document.expiresOn ? (
                    <span className="ml-2 text-xs text-slate-600">
                      {[document.issuedOn ? formatUncertainDate(document.issuedOn, "DAY", locale) : "", document.expiresOn ? formatUncertainDate(document.expiresOn, "DAY", locale) : ""].join(" – ")}
                    </span>
                  ) : null}
                  {document.note ? <BidiText as="p" className="text-xs text-slate-700">{document.note}</BidiText> : null}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="timeline-title" className="rounded-md border border-slate-200 bg-white p-4">
        <h2 id="timeline-title" className="mb-3 text-lg font-semibold">
          {t("timeline.title")}
        </h2>
        {timeline.length === 0 ? (
          <p className="text-sm text-slate-600">{t("timeline.empty")}</p>
        ) : (
          <ol className="space-y-2 border-l-2 border-slate-200 pl-4">
            {timeline.map((item) => (
              <li key={`${item.kind}-${item.id}-${item.kind === "case" ? item.role : ""}`} className="text-sm">
                <time dateTime={item.date.slice(0, 10)} className="block text-xs text-slate-600">
                  {formatUncertainDate(item.date, item.precision, locale)}
                </time>
                {item.kind === "case" ? (
                  <Link href={`/cases/${item.id}`} className="text-sky-800 underline">
                    {item.role === "SUBJECT"
                      ? t("timeline.caseSubject", { reference: item.reference })
                      : t("timeline.caseContact", { reference: item.reference, name: item.subjectName, relationship: t(`relationships.${item.role}`) })}
                  </Link>
                ) : item.kind === "protest" ? (
                  <span>
                    {t("timeline.protest", { kind: t(`protestKinds.${item.protestKind}`), city: item.city, role: t(`participationRoles.${item.role}`) })}
                    {item.caseReference ? ` — ${t("timeline.protestFor", { reference: item.caseReference })}` : null}
                  </span>
                ) : (
                  <span>
                    {t("timeline.police", { type: t(`policeTypes.${item.type}`) })}
                    {item.authority ? ` — ${item.authority}` : null}
                    {item.outcome ? ` — ${t("timeline.outcome", { outcome: t(`policeOutcomes.${item.outcome}`) })}` : null}
                  </span>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      {can(ctx, "people.erase") ? <PersonEraseForm person={{ id: person.id, displayName: person.displayName, version: person.version }} /> : null}

      {merges.length > 0 ? (
        <section aria-labelledby="merges-title" className="rounded-md border border-slate-200 bg-white p-4">
          <h2 id="merges-title" className="mb-2 text-lg font-semibold">
            {t("merge.history")}
          </h2>
          <ul className="space-y-1 text-sm">
            {merges.map((merge) => (
              <li key={merge.id}>
                <BidiText>{merge.mergedName}</BidiText> — {formatUncertainDate(merge.createdAt, "DAY", locale)} —{" "}
                <Link href={`/people/${person.id}/merges/${merge.id}`} className="text-sky-800 underline">
                  {t("merge.openMerge")}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
