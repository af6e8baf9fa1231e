import { MESSAGE_AREAS, type Locale } from "./config";

export type Messages = Record<string, Record<string, unknown>>;

// The catalogue is the same for every request: assembled once per language and process, not per page.
const loaded = new Map<Locale, Promise<Messages>>();

/** All message areas of one language, keyed by area ("cases", "auth", …). Shared: do not modify it. */
export function loadMessages(locale: Locale): Promise<Messages> {
  let messages = loaded.get(locale);
  if (!messages) {
    messages = assemble(locale);
    // a failed load is not kept: the next request tries again
    messages.catch(() => loaded.delete(locale));
    loaded.set(locale, messages);
  }
  return messages;
}

async function assemble(locale: Locale): Promise<Messages> {
  const entries = await Promise.all(
    MESSAGE_AREAS.map(async (area) => {
      const file = (await import(`./messages/${locale}/${area}.json`)) as { default: Record<string, unknown> };
      return [area, file.default] as const;
    }),
  );
  return Object.fromEntries(entries);
}
