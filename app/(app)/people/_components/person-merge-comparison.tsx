// The two records of a merge side by side, so the coordinator confirms with both in view: every name in
// every script, dates, hometown, documents, contacts (where they may see them) and cases.
import { getTranslations } from "next-intl/server";
import { formatUncertainDate } from "@/lib/format/date";
import type { Locale } from "@/lib/i18n/config";
import type { TimelineItem } from "@/lib/people/get-person-timeline";
import type { PersonView } from "@/lib/people/shared";
import { placeName } from "@/lib/places/place-name";

interface Side {
  person: PersonView;
  timeline: TimelineItem[];
}

export async function PersonMergeComparison({ kept, merged, locale }: { kept: Side; merged: Side; locale: Locale }) {
  const t = await getTranslations("people");
  const empty = "—";
  const date = (value: string | null, precision: PersonView["birthDatePrecision"]) => (value ? formatUncertainDate(value, precision, locale) : empty);
  const cell = (side: Side) => {
    const p = side.person;
    const cases = side.timeline.filter((item): item is Extract<TimelineItem, { kind: "case" }> => item.kind === "case");
    return {
      names: p.names.map((n) => n.value),
      gender: t(`genders.${p.gender}`),
      birthDate: date(p.birthDate, p.birthDatePrecision),
      deathDate: date(p.deathDate, p.deathDatePrecision),
      hometown: p.hometown ? placeName(p.hometown, locale) : (p.hometownText ?? empty),
      documents: p.documents.length ? p.documents.map((d) => `${t(`documents.kinds.${d.kind}` as never)} ${d.number}`) : [empty],
      contact: p.contactVisible && p.contact ? [p.contact.phone, p.contact.messenger, p.contact.address].filter(Boolean).join(" · ") || empty : empty,
      cases: cases.length ? cases.map((c) => `${c.reference} (${c.subjectName})`) : [empty],
    };
  };
  const a = cell(kept);
  const b = cell(merged);
  const rows: { label: string; kept: string[]; merged: string[] }[] = [
    { label: t("fields.names"), kept: a.names, merged: b.names },
    { label: t("fields.gender"), kept: [a.gender], merged: [b.gender] },
    { label: t("fields.birthDate"), kept: [a.birthDate], merged: [b.birthDate] },
    { label: t("fields.deathDate"), kept: [a.deathDate], merged: [b.deathDate] },
    { label: t("fields.hometown"), kept: [a.hometown], merged: [b.hometown] },
    { label: t("documents.title"), kept: a.documents, merged: b.documents },
    { label: t("fields.contact"), kept: [a.contact], merged: [b.contact] },
    { label: t("merge.cases"), kept: a.cases, merged: b.cases },
  ];
  return (
    <table className="w-full border-collapse text-sm" data-testid="merge-comparison">
      <caption className="mb-2 text-left font-semibold">{t("merge.comparisonTitle")}</caption>
      <thead>
        <tr className="border-b border-slate-300 text-left">
          <th scope="col" className="w-40 py-1 pr-2" />
          <th scope="col" className="py-1 pr-2" dir="auto">
            {t("merge.survivor", { name: kept.person.displayName })}
          </th>
          <th scope="col" className="py-1" dir="auto">
            {t("merge.merged", { name: merged.person.displayName })}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label} className="border-b border-slate-100 align-top">
            <th scope="row" className="py-1 pr-2 text-left font-medium text-slate-700">
              {row.label}
            </th>
            {[row.kept, row.merged].map((values, index) => (
              <td key={index} className="py-1 pr-2" dir="auto">
                {values.map((value, i) => (
                  <div key={i}>{value}</div>
                ))}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
