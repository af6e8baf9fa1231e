import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { isUuid, parseInput, parseVersion, staleVersion } from "./service-kit";

const failure = (work: () => unknown): AppError => {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("the service kit", () => {
  it("refuses input per field with message keys, each key once", () => {
    const schema = z.object({ name: z.string().min(1, "required").max(3, "tooLong"), age: z.number() });
    const error = failure(() => parseInput(schema, { name: "", age: "old" }));
    expect(error.code).toBe("INVALID");
    expect(error.fieldErrors).toEqual({ name: ["required"], age: ["invalidChoice"] });
  });

  it("refuses text holding a NUL character at its field, keys included", () => {
    const error = failure(() => parseInput(z.object({ names: z.array(z.object({ value: z.string() })) }), { names: [{ value: "Nur\u0000lan" }] }));
    expect(error.fieldErrors).toEqual({ "names.0.value": ["invalidCharacters"] });
  });

  it("reads an editor's version as a number, a string or an object, and refuses anything else at the version field", () => {
    expect(parseVersion(3)).toBe(3);
    expect(parseVersion("4")).toBe(4);
    expect(parseVersion({ version: 5 })).toBe(5);
    expect(failure(() => parseVersion({ version: 0 })).fieldErrors).toEqual({ version: ["invalidNumber"] });
  });

  it("takes only a string of the right shape for a record id", () => {
    expect(isUuid("0b6f5a3e-6f1e-4c35-9a55-2d6c1e7f9a10")).toBe(true);
    expect(isUuid(["0b6f5a3e-6f1e-4c35-9a55-2d6c1e7f9a10"])).toBe(false);
    expect(isUuid("1 OR 1=1")).toBe(false);
  });

  it("answers a lost race with a conflict naming the record and carrying what is stored now", () => {
    const error = staleVersion("protest", { version: 7 });
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("this protest");
    expect(error.details).toEqual({ current: { version: 7 } });
  });
});
