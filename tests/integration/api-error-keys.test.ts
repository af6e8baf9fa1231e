// API answers speak the caller's language for every area's own validation and error keys, not only the
// shared ones: a raw key such as "arrestDaysOverMax" must never reach an API client.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createAdvocacyRoute } from "@/app/api/v1/advocacy-actions/route";
import { POST as createPoliceActionRoute } from "@/app/api/v1/police-actions/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { localizedErrorBody } from "@/lib/api/localize-error";
import { AppError } from "@/lib/errors";
import { LOCALES, MESSAGE_AREAS, type Locale } from "@/lib/i18n/config";
import { loadMessages, type Messages } from "@/lib/i18n/messages";
import { createMember, createOrg } from "../helpers/factories";
import { insertCase, insertPerson } from "./protests-helpers";

const BASE = "http://127.0.0.1:3100/api/v1";
const catalogs = {} as Record<Locale, Messages>;

beforeAll(async () => {
  for (const locale of LOCALES) catalogs[locale] = await loadMessages(locale);
});

/** Every key of an area's own group ("police.validation.arrestDaysOverMax" → ["police", "arrestDaysOverMax"]). */
function ownKeys(group: "validation" | "errors"): [string, string][] {
  return MESSAGE_AREAS.filter((area) => area !== "validation" && area !== "errors").flatMap((area) => {
    const own = (catalogs.en[area] as Record<string, unknown>)[group] as Record<string, string> | undefined;
    return Object.keys(own ?? {}).map((key) => [area, key] as [string, string]);
  });
}

const sentence = (locale: Locale, area: string, group: string, key: string) => ((catalogs[locale][area] as Record<string, Record<string, string>>)[group]![key]!);

describe("translating an area's own keys", () => {
  it.each(LOCALES)("turns every area's validation key into that area's sentence (%s)", async (locale) => {
    const keys = ownKeys("validation");
    expect(keys.map(([area]) => area)).toEqual(expect.arrayContaining(["police", "advocacy", "auth", "admin"]));
    for (const [area, key] of keys) {
      const { body } = await localizedErrorBody(new AppError("INVALID", "Some fields need attention.", { fieldErrors: { field: [key] } }), locale);
      expect(body.error.fieldErrors?.field, `${area}.validation.${key}`).toEqual([sentence(locale, area, "validation", key)]);
    }
  });

  it.each(LOCALES)("turns every area's error key into that area's sentence (%s)", async (locale) => {
    for (const [area, key] of ownKeys("errors")) {
      const { body } = await localizedErrorBody(new AppError("CONFLICT", "English fallback", { key, values: { minutes: 15, seconds: 8 } }), locale);
      expect(body.error.message, `${area}.errors.${key}`).toBe(sentence(locale, area, "errors", key).replace("{minutes}", "15").replace("{seconds}", "8"));
    }
  });
});

describe("the JSON API in the caller's language", () => {
  let token: string;
  let personId: string;
  let caseId: string;

  beforeAll(async () => {
    const org = await createOrg("Keys group", "KG");
    token = (await createApiToken(await createMember(org, "ADMIN"), { name: "keys" })).token;
    personId = await insertPerson(org, "Erbol Keys");
    caseId = await insertCase(org, personId);
  });

  const post = (handler: typeof createPoliceActionRoute, path: string, body: unknown, locale: Locale) =>
    handler(
      new Request(`${BASE}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "accept-language": locale },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );

  it.each(LOCALES)("answers a police action's 31-day arrest with the police area's sentence (%s)", async (locale) => {
    const response = await post(createPoliceActionRoute, "/police-actions", { personId, type: "ADMINISTRATIVE_ARREST", date: "2026-01-10", arrestDays: 31 }, locale);
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { message: string; fieldErrors: Record<string, string[]> } };
    expect(error.fieldErrors.arrestDays).toEqual([sentence(locale, "police", "validation", "arrestDaysOverMax")]);
    expect(error.message).toBe((catalogs[locale].errors as Record<string, string>).invalid);
  });

  it.each(LOCALES)("answers an advocacy response dated before the action with the advocacy area's sentence (%s)", async (locale) => {
    const response = await post(
      createAdvocacyRoute,
      "/advocacy-actions",
      { caseId, type: "LETTER", date: "2026-01-10", recipient: "Akimat", response: "No", responseDate: "2026-01-01" },
      locale,
    );
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(error.fieldErrors.responseDate).toEqual([sentence(locale, "advocacy", "validation", "responseBeforeAction")]);
  });
});
