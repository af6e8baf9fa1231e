"use client";
// Likely existing records of a person being typed into the case form, shown before the case is saved,
// each with a button to use that record instead of recording the person again.
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { DuplicateCandidate } from "@/lib/people/find-duplicate-candidates";
import { findDuplicatesAction } from "@/app/(app)/people/actions";
import { parseTypedDate } from "@/lib/validations/typed-date";

/** The typed birth date as its canonical text and precision, or null while it is no date yet. */
function typedBirth(text: string): { date: string; precision: "YEAR" | "MONTH" | "DAY" } | null {
  const typed = parseTypedDate(text);
  return typed.ok && typed.value.precision !== "UNKNOWN" ? { date: typed.text, precision: typed.value.precision } : null;
}

export function CasePersonDuplicates({
  id,
  names,
  documentNumbers = [],
  birthDate = "",
  gender,
  onUse,
}: {
  id: string;
  names: string[];
  /** identity numbers typed for the person: a holder of one is shown first */
  documentNumbers?: string[];
  birthDate?: string;
  gender?: string;
  onUse: (person: { id: string; displayName: string }) => void;
}) {
  const t = useTranslations("people");
  const tc = useTranslations("cases");
  const [found, setFound] = useState<{ key: string; candidates: DuplicateCandidate[] } | null>(null);
  const typed = names.map((name) => name.trim()).filter((name) => name.length >= 2);
  const birth = typedBirth(birthDate);
  const date = birth?.date ?? "";
  const precision = birth?.precision ?? null;
  const numbers = documentNumbers.map((n) => n.trim()).filter((n) => n.length >= 6);
  const key = [typed.join("|"), numbers.join("|"), precision ? date : "", gender ?? ""].join("#");
  const asking = typed.length > 0 || numbers.length > 0;

  // asked for a moment after typing stops; an answer to older text is dropped
  useEffect(() => {
    if (!asking) return;
    let current = true;
    const timer = setTimeout(async () => {
      const result = await findDuplicatesAction({
        names: typed,
        birthDate: precision ? date : null,
        birthDatePrecision: precision ?? "UNKNOWN",
        gender: gender && gender !== "UNKNOWN" ? (gender as DuplicateCandidate["gender"]) : null,
        hometownPlaceId: null,
        documentNumbers: numbers,
        excludePersonId: null,
      });
      if (current && result.ok) setFound({ key, candidates: result.data });
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `key` carries every input the search depends on
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const candidates = asking && found?.key === key ? found.candidates : [];
  return (
    <div aria-live="polite" id={id}>
      {candidates.length > 0 ? (
        <section aria-labelledby={`${id}-title`} className="rounded-md border border-amber-300 bg-amber-50 p-3">
          <h3 id={`${id}-title`} className="text-sm font-semibold">
            {t("duplicates.title")}
          </h3>
          <p className="text-xs text-slate-700">{t("duplicates.intro")}</p>
          <ul className="mt-2 space-y-2" data-testid="case-duplicate-candidates">
            {candidates.slice(0, 5).map((candidate) => (
              <li key={candidate.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <span>
                  <a href={`/people/${candidate.id}`} target="_blank" rel="noreferrer" className="font-medium text-sky-800 underline">
                    <bdi>{candidate.displayName}</bdi>
                  </a>
                  {candidate.otherNames.length ? <bdi className="ml-1 text-xs text-slate-700">({candidate.otherNames.slice(0, 2).join(" · ")})</bdi> : null}
                  {candidate.birthDate ? <span className="ml-1 text-xs text-slate-700">{candidate.birthDate.slice(0, 4)}</span> : null}
                  <span className="ml-2 text-xs text-slate-600">{t("duplicates.match", { score: Math.round(candidate.score * 100) })}</span>
                  {candidate.reasons.includes("sameDocument") ? (
                    <strong className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-900">{t("duplicates.reasons.sameDocument")}</strong>
                  ) : null}
                </span>
                <Button variant="secondary" onClick={() => onUse({ id: candidate.id, displayName: candidate.displayName })}>
                  {tc("useRecord", { name: candidate.displayName })}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
