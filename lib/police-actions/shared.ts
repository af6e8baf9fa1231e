// The visible shape of a police action and the checks every police-action write shares.
import "server-only";
import { assertMayEditRecord, caseScope, personScope, type Ctx, mayEditRecord, policeActionScope, protestScope } from "@/lib/authz";
import { decryptField } from "@/lib/crypto";
import { policeDescriptionContext } from "@/lib/crypto-contexts";
import type { Tx } from "@/lib/db";
import type { FieldErrors } from "@/lib/errors";
import { invalid, notFound } from "@/lib/errors";
import type {
  AppealResult,
  PoliceActionStatus,
  PoliceActionType,
  PoliceOutcome,
} from "@/lib/generated/prisma/enums";
import { decimalToNumber, isoDay } from "@/lib/service-kit";
import type { PoliceActionFacts } from "@/lib/disclosure/project";

export interface PoliceActionView {
  id: string;
  personId: string;
  personName: string;
  protestId: string | null;
  protest: { id: string; startsAt: string; city: string; location: string | null } | null;
  caseId: string | null;
  caseReference: string | null;
  type: PoliceActionType;
  date: string;
  authority: string | null;
  legalBasis: string | null;
  hearingAt: string | null;
  durationHours: number | null;
  arrestDays: number | null;
  fineAmount: number | null;
  currency: string;
  lawyer: string | null;
  status: PoliceActionStatus;
  outcome: PoliceOutcome | null;
  outcomeDate: string | null;
  outcomeFineAmount: number | null;
  outcomeDaysServed: number | null;
  appealResult: AppealResult | null;
  appealResultDate: string | null;
  /** decrypted only on the detail view */
  description: string | null;
  createdById: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  canEdit: boolean;
}

interface PoliceActionLinks {
  person: { displayName: string };
  protest: { id: string; startsAt: Date; city: string; location: string | null; deletedAt: Date | null } | null;
  case: { reference: string; deletedAt: Date | null } | null;
}

interface PoliceActionRow extends PoliceActionLinks {
  id: string;
  personId: string;
  protestId: string | null;
  caseId: string | null;
  type: PoliceActionType;
  date: Date;
  authority: string | null;
  legalBasis: string | null;
  hearingAt: Date | null;
  durationHours: number | null;
  arrestDays: number | null;
  fineAmount: { toString(): string } | null;
  currency: string;
  lawyer: string | null;
  status: PoliceActionStatus;
  outcome: PoliceOutcome | null;
  outcomeDate: Date | null;
  outcomeFineAmount: { toString(): string } | null;
  outcomeDaysServed: number | null;
  appealResult: AppealResult | null;
  appealResultDate: Date | null;
  descriptionEnc: string | null;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/**
 * Adds to each action its person, protest and case, one query after another. Prisma runs sibling
 * `include`s concurrently, which inside a transaction sends overlapping queries down its one connection.
 */
export async function withPoliceActionLinks<R extends Omit<PoliceActionRow, keyof PoliceActionLinks>>(
  tx: Tx,
  rows: R[],
): Promise<(R & PoliceActionLinks)[]> {
  if (rows.length === 0) return [];
  const ids = (values: (string | null)[]) => [...new Set(values.filter((value): value is string => value !== null))];
  const people = await tx.person.findMany({ where: { id: { in: ids(rows.map((r) => r.personId)) } }, select: { id: true, displayName: true } });
  const protestIds = ids(rows.map((r) => r.protestId));
  const protests = protestIds.length
    ? await tx.protest.findMany({ where: { id: { in: protestIds } }, select: { id: true, startsAt: true, city: true, location: true, deletedAt: true } })
    : [];
  const caseIds = ids(rows.map((r) => r.caseId));
  const cases = caseIds.length ? await tx.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, reference: true, deletedAt: true } }) : [];
  const personById = new Map(people.map((p) => [p.id, p]));
  const protestById = new Map(protests.map((p) => [p.id, p]));
  const caseById = new Map(cases.map((c) => [c.id, c]));
  return rows.map((row) => ({
    ...row,
    person: { displayName: personById.get(row.personId)?.displayName ?? "" },
    protest: (row.protestId && protestById.get(row.protestId)) || null,
    case: (row.caseId && caseById.get(row.caseId)) || null,
  }));
}

/** One action with its links, or null. */
export async function withPoliceActionLinksOne<R extends Omit<PoliceActionRow, keyof PoliceActionLinks>>(
  tx: Tx,
  row: R | null,
): Promise<(R & PoliceActionLinks) | null> {
  return row ? ((await withPoliceActionLinks(tx, [row]))[0] ?? null) : null;
}

/**
 * The action as this context may change it, with its links: NOT_FOUND for another organisation's or a
 * deleted one, FORBIDDEN for one a volunteer did not record.
 */
export async function loadEditablePoliceAction(tx: Tx, ctx: Ctx, actionId: string) {
  const current = await withPoliceActionLinksOne(tx, await tx.policeAction.findFirst({ where: { ...policeActionScope(ctx), id: actionId } }));
  if (!current) throw notFound("police action");
  assertMayEditRecord(ctx, current);
  return current;
}

export function toPoliceActionView(ctx: Ctx, row: PoliceActionRow, withDescription: boolean): PoliceActionView {
  const protest = row.protest && !row.protest.deletedAt ? row.protest : null;
  const linkedCase = row.case && !row.case.deletedAt ? row.case : null;
  return {
    id: row.id,
    personId: row.personId,
    personName: row.person.displayName,
    protestId: protest ? row.protestId : null,
    protest: protest ? { id: protest.id, startsAt: protest.startsAt.toISOString(), city: protest.city, location: protest.location } : null,
    caseId: linkedCase ? row.caseId : null,
    caseReference: linkedCase?.reference ?? null,
    type: row.type,
    date: isoDay(row.date) as string,
    authority: row.authority,
    legalBasis: row.legalBasis,
    hearingAt: row.hearingAt?.toISOString() ?? null,
    durationHours: row.durationHours,
    arrestDays: row.arrestDays,
    fineAmount: decimalToNumber(row.fineAmount),
    currency: row.currency,
    lawyer: row.lawyer,
    status: row.status,
    outcome: row.outcome,
    outcomeDate: isoDay(row.outcomeDate),
    outcomeFineAmount: decimalToNumber(row.outcomeFineAmount),
    outcomeDaysServed: row.outcomeDaysServed,
    appealResult: row.appealResult,
    appealResultDate: isoDay(row.appealResultDate),
    description: withDescription ? decryptField(row.descriptionEnc, policeDescriptionContext(row.id)) : null,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    canEdit: mayEditRecord(ctx, row),
  };
}

/** The person, protest and case an action points at must exist in this organisation and be visible. */
export async function assertLinksVisible(
  tx: Tx,
  ctx: Ctx,
  links: { personId: string; protestId: string | null; caseId: string | null },
): Promise<void> {
  const errors: FieldErrors = {};
  const person = await tx.person.findFirst({ where: { ...personScope(ctx), id: links.personId }, select: { id: true } });
  if (!person) errors.personId = ["invalidChoice"];
  if (links.protestId) {
    const protest = await tx.protest.findFirst({
      where: { ...protestScope(ctx), id: links.protestId },
      select: { id: true },
    });
    if (!protest) errors.protestId = ["invalidChoice"];
  }
  if (links.caseId) {
    const found = await tx.case.findFirst({ where: { ...caseScope(ctx), id: links.caseId }, select: { id: true } });
    if (!found) errors.caseId = ["invalidChoice"];
  }
  if (Object.keys(errors).length > 0) throw invalid("Some links point at records that cannot be used.", errors);
}

/** Field values compared for the audit log's changed-field names (never stored there). */
export function auditableFields(
  row: Omit<PoliceActionFacts, "city"> & {
    personId: string;
    protestId: string | null;
    caseId: string | null;
    appealResult: string | null;
    appealResultDate: Date | null;
  },
): Record<string, unknown> {
  return { ...row };
}
