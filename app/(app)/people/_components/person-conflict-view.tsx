"use client";
// When a save meets someone else's newer change: both versions side by side, field by field, and the choice
// to keep one's own or to load theirs.
import { useLocale, useTranslations } from "next-intl";
import { BidiText } from "@/components/bidi-text";
import { Button } from "@/components/ui/button";
import type { DatePrecision } from "@/lib/generated/prisma/enums";
import type { Locale } from "@/lib/i18n/config";
import { formatUncertainDate } from "@/lib/format/date";
import type { PersonView } from "@/lib/people/shared";
import type { PlaceOption } from "@/lib/places/find-places";
import { placeName } from "@/lib/places/place-name";
import { parseUncertainDate, type PersonCreateInput } from "@/lib/validations/person";

export function PersonConflictView({
  theirs,
  yours,
  places,
  onUseMine,
  onReload,
}: {
  theirs: PersonView;
  yours: PersonCreateInput;
  places: PlaceOption[];
  onUseMine: () => void;
  onReload: () => void;
}) {
  const t = useTranslations("people");
  const locale = useLocale() as Locale;
  const place = (id: string | null | undefined) => {
    const found = places.find((p) => p.id === id);
    return found ? placeName(found, locale) : "";
  };
  const date = (value: string | null | undefined, precision: DatePrecision | undefined) => {
    const parsed = parseUncertainDate(value, precision ?? "UNKNOWN");
    return parsed ? formatUncertainDate(parsed, precision ?? "UNKNOWN", locale) : (value ?? "");
  };
  const rows: { label: string; theirs: string; yours: string }[] = [
    { label: t("fields.names"), theirs: theirs.names.map((n) => n.value).join(" · "), yours: yours.names.map((n) => n.value).join(" · ") },
    { label: t("fields.gender"), theirs: t(`genders.${theirs.gender}`), yours: t(`genders.${yours.gender ?? "UNKNOWN"}`) },
    {
      label: t("fields.birthDate"),
      theirs: theirs.birthDate ? formatUncertainDate(theirs.birthDate, theirs.birthDatePrecision, locale) : "",
      yours: date(yours.birthDate, yours.birthDatePrecision),
    },
    {
      label: t("fields.deathDate"),
      theirs: theirs.deathDate ? formatUncertainDate(theirs.deathDate, theirs.deathDatePrecision, locale) : "",
      yours: date(yours.deathDate, yours.deathDatePrecision),
    },
    { label: t("fields.ethnicity"), theirs: theirs.ethnicity ?? "", yours: yours.ethnicity ?? "" },
    { label: t("fields.citizenships"), theirs: theirs.citizenships.join(", "), yours: (yours.citizenships ?? []).map((c) => c.toUpperCase()).join(", ") },
    { label: t("fields.hometownPlace"), theirs: place(theirs.hometownPlaceId), yours: place(yours.hometownPlaceId) },
    { label: t("fields.hometownText"), theirs: theirs.hometownText ?? "", yours: yours.hometownText ?? "" },
    ...(theirs.contactVisible && yours.contact
      ? (["phone", "messenger", "address"] as const).map((field) => ({
          label: t(`fields.${field}`),
          theirs: theirs.contact?.[field] ?? "",
          yours: yours.contact?.[field] ?? "",
        }))
      : []),
    ...(theirs.contactVisible && yours.notes !== undefined ? [{ label: t("fields.notes"), theirs: theirs.notes ?? "", yours: yours.notes ?? "" }] : []),
  ];
  return (
    <section role="alert" className="space-y-3 rounded-md border border-red-300 bg-red-50 p-4">
      <h2 className="text-base font-semibold text-red-900">{t("conflict.title")}</h2>
      <p className="text-sm text-red-900">{t("conflict.intro")}</p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col" className="p-1">{t("conflict.field")}</th>
              <th scope="col" className="p-1">{t("conflict.theirs")}</th>
              <th scope="col" className="p-1">{t("conflict.yours")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label} className={row.theirs !== row.yours ? "bg-amber-100 font-medium" : ""}>
                <th scope="row" className="p-1 font-normal">{row.label}</th>
                <td className="p-1"><BidiText>{row.theirs || "—"}</BidiText></td>
                <td className="p-1"><BidiText>{row.yours || "—"}</BidiText></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" onClick={onUseMine}>
          {t("conflict.useMine")}
        </Button>
        <Button variant="secondary" onClick={onReload}>
          {t("conflict.reload")}
        </Button>
      </div>
    </section>
  );
}
