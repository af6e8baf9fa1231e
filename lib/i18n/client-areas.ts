// Which message areas each part of the app sends to the browser. Server components translate on the
// server (getTranslations) and send only text; client components need their messages in the page, and
// sending every area to every page made the catalogue a third of each page. The root gives the areas
// of the error pages and the language switcher; each section's layout (ClientMessages) adds the areas
// of the client components it shows. tests/integration/client-messages.test.ts walks the imports of each
// section and fails when a client component there uses an area not listed here.
import type { MESSAGE_AREAS } from "./config";

type Area = (typeof MESSAGE_AREAS)[number];

/** Every page: error boundaries, the language switcher, shared labels. */
export const ROOT_CLIENT_AREAS: readonly Area[] = ["common", "errors", "language"];

/**
 * Per section (its folder under app/), the areas its client components use. A section inside another
 * (the case list's "(app)/cases" and one case's "(app)/cases/[caseId]") has its own layout giving its own
 * areas: the list does not carry the messages of the forms on a case's page.
 */
export const SECTION_CLIENT_AREAS = {
  "(auth)": ["auth"],
  "(app)/account": ["auth"],
  "(app)/admin": ["admin", "validation"],
  "(app)/dashboard": ["validation"],
  // the case list: only its filter's date fields run in the browser; the rows are translated on the server
  "(app)/cases": ["validation"],
  // one case and its edit form: the timeline's, notes', files' and UN forms
  "(app)/cases/[caseId]": ["cases", "reports", "unSubmissions", "advocacy", "validation"],
  "(app)/cases/new": ["cases", "people", "validation"],
  "(app)/import": ["imports", "validation"],
  "(app)/people": ["people", "validation"],
  "(app)/police-actions": ["police", "people", "reports", "validation"],
  "(app)/protests": ["protests", "people", "validation"],
  "(app)/reports": ["reports", "validation"],
} as const satisfies Record<string, readonly Area[]>;

export type ClientSection = keyof typeof SECTION_CLIENT_AREAS;

/** The messages of these areas only. */
export function pickAreas<T extends Record<string, unknown>>(messages: T, areas: readonly string[]): Partial<T> {
  return Object.fromEntries(areas.filter((area) => area in messages).map((area) => [area, messages[area]])) as Partial<T>;
}
