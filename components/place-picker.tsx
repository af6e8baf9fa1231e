"use client";
// A place from the shared gazetteer, found by any of its names in any script ("Құлжа", "Кульджа", "Ghulja",
// "伊宁"). Free text is the last resort: it is kept only when the person says so, and shown marked as not
// in the gazetteer, because counts by prefecture and the hometown filter read the gazetteer's place.
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { searchPlacesAction } from "@/app/(app)/people/actions";
import type { PlaceOption } from "@/lib/places/find-places";
import { placeName } from "@/lib/places/place-name";

export interface PlaceChoice {
  place: PlaceOption | null;
  /** the name as written, kept only when no gazetteer place fits */
  text: string;
}

/** Every name of a place, the reader's first: "Құлжа · Кульджа · Ghulja (Yining) · 伊宁市". */
export function placeNames(place: PlaceOption, locale: string): string {
  const first = placeName(place, locale);
  const others = [place.nameKk, place.nameRu, place.nameEn, place.nameZh].filter((name): name is string => Boolean(name) && name !== first);
  return [first, ...Array.from(new Set(others))].join(" · ");
}

export function PlacePicker({
  id,
  locale,
  value,
  onChange,
  placeIdName,
  textName,
  invalid,
  describedBy,
}: {
  id: string;
  locale: string;
  value: PlaceChoice;
  onChange: (choice: PlaceChoice) => void;
  /** names of hidden fields carrying the choice in a submitted form */
  placeIdName?: string;
  textName?: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const t = useTranslations("common.placePicker");
  const listId = useId();
  const [query, setQuery] = useState(value.place ? "" : value.text);
  const [found, setFound] = useState<{ q: string; places: PlaceOption[] } | null>(null);
  const q = query.trim();

  // asked a moment after typing stops; an answer to older text is dropped
  useEffect(() => {
    if (value.place || q.length < 2) return;
    let current = true;
    const timer = setTimeout(async () => {
      const result = await searchPlacesAction(q);
      if (current && result.ok) setFound({ q, places: result.data });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q, value.place]);

  const hidden = (
    <>
      {placeIdName ? <input type="hidden" name={placeIdName} value={value.place?.id ?? ""} /> : null}
      {textName ? <input type="hidden" name={textName} value={value.place ? "" : value.text} /> : null}
    </>
  );

  if (value.place) {
    return (
      <div className="flex flex-wrap items-center gap-2 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm" data-testid={`${id}-chosen`}>
        {hidden}
        <span dir="auto">{placeNames(value.place, locale)}</span>
        {value.place.parentName ? <span className="text-slate-600">({value.place.parentName})</span> : null}
        <Button
          variant="ghost"
          id={id}
          aria-label={t("change", { place: placeName(value.place, locale) })}
          onClick={() => {
            setQuery("");
            onChange({ place: null, text: "" });
          }}
        >
          {t("changeShort")}
        </Button>
      </div>
    );
  }

  const places = found && found.q === q ? found.places : [];
  const keptAsText = value.text !== "" && value.text === q;
  return (
    <div className="space-y-1">
      {hidden}
      <Input
        id={id}
        dir="auto"
        role="combobox"
        aria-expanded={places.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        value={query}
        placeholder={t("placeholder")}
        onChange={(event) => {
          setQuery(event.target.value);
          // typing again takes back a name kept as written
          if (value.text) onChange({ place: null, text: "" });
        }}
      />
      {places.length > 0 ? (
        <ul id={listId} role="listbox" aria-label={t("results")} className="max-h-56 overflow-auto rounded-md border border-slate-200 bg-white text-sm shadow-sm">
          {places.map((place) => (
            <li key={place.id} role="option" aria-selected={false}>
              <button
                type="button"
                className="block w-full px-3 py-2 text-left hover:bg-sky-50 focus:bg-sky-50 focus:outline-none"
                onClick={() => onChange({ place, text: "" })}
              >
                <span dir="auto">{placeNames(place, locale)}</span>
                {place.parentName ? <span className="text-slate-600"> ({place.parentName})</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {q.length >= 2 && found?.q === q ? (
        keptAsText ? (
          <p className="text-xs text-amber-800" data-testid={`${id}-free-text`}>
            {t("keptAsText")}
          </p>
        ) : (
          <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
            {places.length === 0 ? t("noMatch") : t("notListed")}
            <Button variant="ghost" onClick={() => onChange({ place: null, text: q })}>
              {t("keepAsText", { text: q })}
            </Button>
          </p>
        )
      ) : null}
    </div>
  );
}
