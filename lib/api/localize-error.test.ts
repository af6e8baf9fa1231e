// What people read when something goes wrong: the error body runAction and apiHandler send, translated.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { translateValidation } from "@/lib/i18n/errors";
import { parseInput } from "@/lib/service-kit";
import { localizedErrorBody } from "./localize-error";

const thrown = (work: () => unknown): unknown => {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
};

describe("error translation", () => {
  it("turns validation keys into sentences in the reader's language", async () => {
    const error = new AppError("INVALID", "Bad input", { fieldErrors: { "names.0.value": ["required"], email: ["invalidEmail", "tooLong"] } });
    const { status, body } = await localizedErrorBody(error, "kk");
    expect(status).toBe(422);
    expect(body.error.fieldErrors).toEqual({
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
    const { status, body } = await localizedErrorBody(error, "ru");
    expect(status).toBe(409);
    expect(body.error.code).toBe("CONFLICT");
    expect(body.error.message).toContain("изменил кто-то другой");
    expect(body.error.details).toEqual({ current: { version: 3 } });

    const invalid = new AppError("INVALID", "Bad input", { fieldErrors: { date: ["dateInFuture"] } });
    expect((await localizedErrorBody(invalid, "en")).body.error.fieldErrors).toEqual({ date: ["This date cannot be in the future."] });
  });

  it("keeps the English message when an error key has no translation", async () => {
    const error = new AppError("INVALID", "Plain English explanation", { key: "noSuchKey" });
    expect((await localizedErrorBody(error, "kk")).body.error.message).toBe("Plain English explanation");
  });

  it("finds a key in the area that owns it when the shared area does not have it", async () => {
    const invalid = new AppError("INVALID", "Bad input", { fieldErrors: { arrestDays: ["arrestDaysOverMax"], responseDate: ["responseBeforeAction"] } });
    expect((await localizedErrorBody(invalid, "en")).body.error.fieldErrors).toEqual({
      arrestDays: ["At most 30 days: outside a state of emergency, the Code of Administrative Offences allows no longer administrative arrest."],
      responseDate: ["The response cannot be dated before the action."],
    });
    const throttled = new AppError("RATE_LIMITED", "Too many", { key: "signInThrottled", values: { minutes: 15 } });
    expect((await localizedErrorBody(throttled, "en")).body.error.message).toBe("Too many failed sign-ins. Try again in 15 minutes.");
  });

  it("answers a schema failure the same whether the service parsed it or zod threw it", async () => {
    const schema = z.object({ name: z.string({ message: "required" }).min(1, "required"), count: z.number() });
    const viaService = await localizedErrorBody(thrown(() => parseInput(schema, { count: "x" })), "en");
    const viaZod = await localizedErrorBody(thrown(() => schema.parse({ count: "x" })), "en");
    expect(viaZod).toEqual(viaService);
    expect(viaService.status).toBe(422);
    expect(Object.keys(viaService.body.error.fieldErrors ?? {}).sort()).toEqual(["count", "name"]);
  });

  it("never shows a stack trace for an unexpected error", async () => {
    const { status, body } = await localizedErrorBody(new TypeError("secret internals at /srv/app.js:12"), "en");
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain("secret internals");
  });
});
