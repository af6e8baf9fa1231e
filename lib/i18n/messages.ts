import { MESSAGE_AREAS, type Locale } from "./config";

export type Messages = Record<string, Record<string, unknown>>;

/** All message areas of one language, keyed by area ("cases", "auth", …). */
export async function loadMessages(locale: Locale): Promise<Messages> {
  const entries = await Promise.all(
    MESSAGE_AREAS.map(async (area) => {
      const loaded = (await import(`./messages/${locale}/${area}.json`)) as { default: Record<string, unknown> };
      return [area, loaded.default] as const;
    }),
  );
  return Object.fromEntries(entries);
}
