// A place's name in the reader's language, falling back to Russian, then English (pure: usable in the browser).
export function placeName(place: { nameEn: string; nameKk: string | null; nameRu: string | null }, locale: string): string {
  if (locale === "kk") return place.nameKk ?? place.nameRu ?? place.nameEn;
  if (locale === "ru") return place.nameRu ?? place.nameEn;
  return place.nameEn;
}
