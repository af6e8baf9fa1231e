// Pieces the protest, police-action and advocacy services share: input parsing into per-field errors,
// the edit rule for records a volunteer created, and optimistic-lock conflicts.
import "server-only";
import { z } from "zod";
import { can, type Ctx } from "@/lib/authz";
import { AppError, forbidden, invalid, type FieldErrors } from "@/lib/errors";
import { parseInput } from "@/lib/validations/parse";
import { isUuid } from "@/lib/validations/ids";

// the one input parser, re-exported for this area's services
export { parseInput };

/** Throws INVALID when the rule check found anything. */
export function assertNoFieldErrors(fieldErrors: FieldErrors): void {
  if (Object.keys(fieldErrors).length > 0) throw invalid("Some fields need attention.", fieldErrors);
}

/** Volunteers may edit protests and police actions they recorded; coordinators and admins any. */
export function mayEditRecord(ctx: Ctx, record: { createdById: string | null }): boolean {
  if (can(ctx, "protests.updateAny")) return true;
  return can(ctx, "protests.write") && record.createdById === ctx.userId;
}

export function assertMayEditRecord(ctx: Ctx, record: { createdById: string | null }): void {
  if (!mayEditRecord(ctx, record)) throw forbidden("Only the person who recorded this, or a coordinator, may change it.");
}

/** The record changed since the editor loaded it: say so, with the current state for the UI to show. */
export function staleVersion(current: Record<string, unknown>): AppError {
  return new AppError("CONFLICT", "Someone else changed this record in the meantime.", { details: { current } });
}

export const isoDay = (date: Date | null): string | null => (date ? date.toISOString().slice(0, 10) : null);
export const isoTime = (date: Date | null): string | null => (date ? date.toISOString() : null);
export const decimalToNumber = (value: { toString(): string } | null): number | null => (value === null ? null : Number(value.toString()));

/** Ids that are not UUIDs can never name a row; answering NOT_FOUND early also keeps PostgreSQL from erroring. */
export { isUuid };

const versionSchema = z.coerce.number({ message: "invalidNumber" }).int("invalidNumber").min(1, "invalidNumber");

/** The version an editor started from, given as a number, a string or `{version}` (API bodies, forms). */
export function parseVersion(input: unknown): number {
  const raw = input !== null && typeof input === "object" && "version" in input ? (input as { version: unknown }).version : input;
  return parseInput(z.object({ version: versionSchema }), { version: raw }).version;
}
