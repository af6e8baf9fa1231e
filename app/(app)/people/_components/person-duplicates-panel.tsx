"use client";
// Likely existing records of the person being typed, asked for a moment after typing stops, each with the
// reasons it may be the same person (or why it may not).
import { Link } from "@/components/ui/link";
import { useEffect, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { BidiText } from "@/components/bidi-text";
import type { DatePrecision, Gender } from "@/lib/generated/prisma/enums";
import { formatUncertainDate } from "@/lib/format/date";
import type { Locale } from "@/lib/i18n/config";
import type { DuplicateCandidate } from "@/lib/people/find-duplicate-candidates";
import { placeName } from "@/lib/places/place-name";
import { findDuplicatesAction } from "../actions";

export function PersonDuplicatesPanel({
  names,
  documentNumbers,
  birthDate,
  birthDatePrecision,
  gender,
  hometownPlaceId,
  excludePersonId,
}: {
  names: string[];
  documentNumbers: string[];
  birthDate: string;
  birthDatePrecision: DatePrecision;
  gender: Gender | undefined;
  hometownPlaceId: string;
  excludePersonId: string | null;
}) {
  const t = useTranslations("people");
  const locale = useLocale() as Locale;
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[] | null>(null);
  const nameText = names.filter((n) => n.trim().length >= 2).join("|");
  const numberText = documentNumbers.filter((n) => n.length >= 6).join("|");
  const hasTypedName = nameText !== "" || numberText !== "";

  useEffect(() => {
    const typed = nameText ? nameText.split("|") : [];
    const numbers = numberText ? numberText.split("|") : [];
    if (typed.length === 0 && numbers.length === 0) return;
    let current = true;
    const timer = setTimeout(async () => {
      const result = await findDuplicatesAction({
        names: typed,
        birthDate: birthDate || null,
        birthDatePrecision: birthDate ? birthDatePrecision : "UNKNOWN",
        gender: gender ?? null,
        hometownPlaceId: hometownPlaceId || null,
        documentNumbers: numbers,
        excludePersonId,
      });
      if (current && result.ok) setDuplicates(result.data);
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [nameText, numberText, birthDate, birthDatePrecision, gender, hometownPlaceId, excludePersonId]);

  return (
    <aside aria-labelledby="duplicates-title" className="space-y-3">
      <section className="rounded-md border border-slate-200 bg-white p-4" aria-live="polite">
        <h2 id="duplicates-title" className="text-base font-semibold">
          {t("duplicates.title")}
        </h2>
        {duplicates === null || !hasTypedName ? null : duplicates.length === 0 ? (
          <p className="text-sm text-slate-600">{t("duplicates.none")}</p>
        ) : (
          <>
            <p className="text-sm text-slate-700">{t("duplicates.intro")}</p>
            <ul className="mt-2 space-y-3" data-testid="duplicate-candidates">
              {duplicates.map((candidate) => (
                <li key={candidate.id} className="rounded border border-amber-300 bg-amber-50 p-3">
                  <Link href={`/people/${candidate.id}`} target="_blank" className="font-medium text-sky-800 underline">
                    <BidiText>{candidate.displayName}</BidiText>
                  </Link>
                  <span className="ml-2 text-xs text-slate-600">{t("duplicates.match", { score: Math.round(candidate.score * 100) })}</span>
                  {candidate.otherNames.length ? (
                    <p className="text-xs text-slate-700">
                      <BidiText>{candidate.otherNames.slice(0, 3).join(" · ")}</BidiText>
                    </p>
                  ) : null}
                  <p className="text-xs text-slate-700">
                    {candidate.birthDate ? formatUncertainDate(candidate.birthDate, candidate.birthDatePrecision, locale) : null}
                    {candidate.hometown ? ` · ${placeName(candidate.hometown, locale)}` : null}
                  </p>
                  <ul className="mt-1 flex flex-wrap gap-1">
                    {candidate.reasons.map((reason) => (
                      <li
                        key={reason}
                        className={`rounded px-1.5 py-0.5 text-xs ${reason.startsWith("different") ? "bg-slate-200 text-slate-700" : "bg-amber-200 text-amber-950"}`}
                      >
                        {t(`duplicates.reasons.${reason}`)}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </aside>
  );
}
