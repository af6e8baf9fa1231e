import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { localizeError, translateFieldErrors, translateValidation, type RootTranslator } from "./errors";
import type { Locale } from "./config";
import { loadMessages } from "./messages";

async function translator(locale: Locale): Promise<RootTranslator> {
  const t = createTranslator({ locale, messages: await loadMessages(locale) });
  const translate = ((key: string, values?: Record<string, string | number>) => t(key as never, values as never)) as RootTranslator;
  translate.has = (key: string) => t.has(key as never);
  return translate;
}

describe("error translation", () => {
  it("turns validation keys into sentences in the reader's language", () => {
    expect(translateFieldErrors({ "names.0.value": ["required"], email: ["invalidEmail", "tooLong"] }, "kk")).toEqual({
      "names.0.value": ["Бұл өрісті толтыру міндетті."],
      email: ["Дұрыс электрондық пошта мекенжайын енгізіңіз.", "Тым ұзын."],
    });
    expect(translateValidation("required", "ru")).toBe("Обязательное поле.");
  });

  it("passes a message that is not a key through unchanged", () => {
    expect(translateValidation("Already written out.", "en")).toBe("Already written out.");
  });

  it("localizes a service error and its field errors without losing the details", async () => {
    const error = new AppError("CONFLICT", "Stale version", { details: { current: { version: 3 } } });
    const localized = localizeError(error, await translator("ru"));
    expect(localized.code).toBe("CONFLICT");
    expect(localized.message).toContain("изменил кто-то другой");
    expect(localized.details).toEqual({ current: { version: 3 } });

    const invalid = new AppError("INVALID", "Bad input", { fieldErrors: { date: ["dateInFuture"] } });
    expect(localizeError(invalid, await translator("en")).fieldErrors).toEqual({ date: ["This date cannot be in the future."] });
  });

  it("keeps the English message when an error key has no translation", async () => {
    const error = new AppError("INVALID", "Plain English explanation", { key: "noSuchKey" });
    expect(localizeError(error, await translator("kk")).message).toBe("Plain English explanation");
  });

  it("finds a key in the area that owns it when the shared area does not have it", async () => {
    const invalid = new AppError("INVALID", "Bad input", { fieldErrors: { arrestDays: ["arrestDaysOverMax"], responseDate: ["responseBeforeAction"] } });
    expect(localizeError(invalid, await translator("en")).fieldErrors).toEqual({
      arrestDays: ["At most 30 days: outside a state of emergency, the Code of Administrative Offences allows no longer administrative arrest."],
      responseDate: ["The response cannot be dated before the action."],
    });
    const throttled = new AppError("RATE_LIMITED", "Too many", { key: "signInThrottled", values: { minutes: 15 } });
    expect(localizeError(throttled, await translator("en")).message).toBe("Too many failed sign-ins. Try again in 15 minutes.");
  });
});
