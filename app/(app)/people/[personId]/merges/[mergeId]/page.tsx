import { Link } from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { BidiText } from "@/components/bidi-text";
import { requireCtx } from "@/lib/auth/context";
import { formatUncertainDate } from "@/lib/format/date";
import type { Locale } from "@/lib/i18n/config";
import { getMerge } from "@/lib/people/get-merge";
import { orNotFound } from "@/lib/or-not-found";
import { isolate } from "../../../_components/isolate";

const FIELD_LABELS: Record<string, string> = {
  gender: "gender",
  birthDate: "birthDate",
  deathDate: "deathDate",
  ethnicity: "ethnicity",
  citizenships: "citizenships",
  hometownPlaceId: "hometownPlace",
  hometownText: "hometownText",
  contact: "contact",
  notes: "notes",
};

// Explains a merge: who, when, why, and which links moved (or stayed because the survivor had them).
export default async function MergeExplanationPage({ params }: { params: Promise<{ personId: string; mergeId: string }> }) {
  const ctx = await requireCtx("people.read");
  const { mergeId } = await params;
  const t = await getTranslations("people");
  const locale = (await getLocale()) as Locale;
  const merge = await orNotFound(getMerge(ctx, mergeId));
  const moved = merge.movedLinks;
  const list = (ids: string[], references = false) =>
    ids.length === 0 ? t("merge.none") : references ? ids.map((id) => merge.caseReferences[id] ?? id).join(", ") : String(ids.length);
  const rows: [string, string][] = [
    [t("fields.names"), t("merge.namesMoved", { count: moved.names.length })],
    [t("merge.casesAsSubject"), list(moved.casesAsSubject, true)],
    [t("merge.caseContacts"), list(moved.caseContacts)],
    [t("merge.participations"), list(moved.participations)],
    [t("merge.policeActions"), list(moved.policeActions)],
    [t("merge.notes"), list(moved.notes)],
    [t("merge.sourceLinks"), list(moved.sourceLinks)],
    [t("documents.title"), list(moved.documents ?? [])],
    [t("merge.earlierMerged"), list(moved.earlierMerged)],
  ];
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">
        {t("merge.explainTitle", { merged: isolate(merge.merged.displayName), survivor: isolate(merge.survivor.displayName) })}
      </h1>
      <p className="text-sm text-slate-700">{t("merge.mergedBy", { name: merge.mergedBy ?? "—", date: formatUncertainDate(merge.createdAt, "DAY", locale) })}</p>
      <section className="rounded-md border border-slate-200 bg-white p-4">
        <h2 className="text-base font-semibold">{t("merge.reasonLabel")}</h2>
        <BidiText as="p" className="whitespace-pre-wrap text-sm">
          {merge.reason ?? "—"}
        </BidiText>
      </section>
      <section className="rounded-md border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-base font-semibold">{t("merge.moved")}</h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-600">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-sm">
          <span className="text-slate-600">{t("fields.names")}: </span>
          {merge.merged.names.map((name, i) => (
            <span key={`${name}-${i}`}>
              {i > 0 ? " · " : null}
              <BidiText>{name}</BidiText>
            </span>
          ))}
        </p>
      </section>
      <section className="rounded-md border border-slate-200 bg-white p-4 text-sm">
        <h2 className="mb-2 text-base font-semibold">{t("merge.skipped")}</h2>
        <p>
          {t("fields.names")}: {moved.skipped.names.length} · {t("merge.caseContacts")}: {moved.skipped.caseContacts.length} ·{" "}
          {t("merge.participations")}: {moved.skipped.participations.length}
        </p>
        <h2 className="mt-3 mb-1 text-base font-semibold">{t("merge.filled")}</h2>
        <p>{moved.filledFields.length ? moved.filledFields.map((f) => t(`fields.${FIELD_LABELS[f] ?? "notes"}`)).join(", ") : t("merge.none")}</p>
      </section>
      <Link href={`/people/${merge.survivor.id}`} className="text-sky-800 underline">
        <BidiText>{merge.survivor.displayName}</BidiText>
      </Link>
    </div>
  );
}
