// The case timeline: add, edit (versioned) and remove events; each change re-checks the date rules and
// re-derives the case status in the same transaction.
import "server-only";
import { randomUUID } from "node:crypto";
import { audit, changedFieldNames } from "@/lib/audit";
import { authorize, type Ctx, caseEventScope } from "@/lib/authz";
import { decryptField, encryptField } from "@/lib/crypto";
import { eventDescriptionContext } from "@/lib/crypto-contexts";
import { withTenant } from "@/lib/db";
import { invalid, notFound } from "@/lib/errors";
import type { CaseEventType, DatePrecision, WarrantShown } from "@/lib/generated/prisma/enums";
import { eventSchema, parseUncertainDate, updateEventSchema, versionOnlySchema } from "@/lib/validations/case";
import { loadReadableCase, loadWritableCase, settleTimeline } from "./internal";
import { isUuid, parseInput, staleVersion } from "@/lib/service-kit";
import type { PlaceOption } from "@/lib/places/find-places";

export interface CaseEventView {
  id: string;
  type: CaseEventType;
  /** first day of the period, "YYYY-MM-DD", or null when unknown */
  date: string | null;
  datePrecision: DatePrecision;
  /** the gazetteer's place; placeText only when none fits, kept as written */
  placeId: string | null;
  place: EventPlace | null;
  placeText: string | null;
  facility: string | null;
  authority: string | null;
  charges: string | null;
  sentenceMonths: number | null;
  warrantShown: WarrantShown | null;
  warrantDetails: string | null;
  description: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The names of an event's gazetteer place, for showing it in the reader's language. */
export type EventPlace = PlaceOption;

/** The place columns read with an event (Prisma `include`). */
export const eventPlaceInclude = {
  place: { select: { id: true, code: true, kind: true, country: true, nameEn: true, nameKk: true, nameRu: true, nameZh: true, divisionCode: true, parent: { select: { nameEn: true } } } },
} as const;

interface EventRow {
  id: string;
  type: CaseEventType;
  date: Date | null;
  datePrecision: DatePrecision;
  placeId: string | null;
  place?: (Omit<EventPlace, "parentName"> & { parent: { nameEn: string } | null }) | null;
  placeText: string | null;
  facility: string | null;
  authority: string | null;
  charges: string | null;
  sentenceMonths: number | null;
  warrantShown: WarrantShown | null;
  warrantDetails: string | null;
  descriptionEnc: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

function placeView({ parent, ...place }: NonNullable<EventRow["place"]>): EventPlace {
  return { ...place, parentName: parent?.nameEn ?? null };
}

/** A chosen place must be one of the gazetteer's: an unknown id is refused at its field, not stored. */
async function checkPlace(tx: Parameters<Parameters<typeof withTenant>[1]>[0], placeId: string | null): Promise<void> {
  if (placeId && !(await tx.place.findUnique({ where: { id: placeId }, select: { id: true } }))) {
    throw invalid("Some fields need attention.", { placeId: ["invalidChoice"] });
  }
}

export function toEventView(row: EventRow): CaseEventView {
  return {
    id: row.id,
    type: row.type,
    date: row.date ? row.date.toISOString().slice(0, 10) : null,
    datePrecision: row.date ? row.datePrecision : "UNKNOWN",
    placeId: row.placeId,
    place: row.place ? placeView(row.place) : null,
    placeText: row.placeText,
    facility: row.facility,
    authority: row.authority,
    charges: row.charges,
    sentenceMonths: row.sentenceMonths,
    warrantShown: row.warrantShown,
    warrantDetails: row.warrantDetails,
    description: decryptField(row.descriptionEnc, eventDescriptionContext(row.id)),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Timeline order: dated events by date then by when they were recorded; undated events last. */
export const timelineOrder = [{ date: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }] as const;

export async function listEvents(ctx: Ctx, caseId: string): Promise<CaseEventView[]> {
  authorize(ctx, "cases.read");
  return withTenant(ctx, async (tx) => {
    await loadReadableCase(tx, ctx, caseId);
    const rows = await tx.caseEvent.findMany({ where: { ...caseEventScope(ctx), caseId }, orderBy: [...timelineOrder], include: eventPlaceInclude });
    // the descriptions are testimony: reading them is audited like opening the case
    if (rows.some((row) => row.descriptionEnc)) {
      await audit(tx, {
        organizationId: ctx.organizationId,
        actorUserId: ctx.userId,
        action: "case.events.view",
        entityType: "Case",
        entityId: caseId,
        metadata: { events: rows.length },
        ipHash: ctx.ipHash,
      });
    }
    return rows.map(toEventView);
  });
}

function eventColumns(data: ReturnType<typeof eventSchema.parse>, id: string) {
  const parsed = parseUncertainDate(data.date) ?? { date: null, precision: "UNKNOWN" as const };
  return {
    type: data.type,
    date: parsed.date,
    datePrecision: parsed.precision,
    placeId: data.placeId,
    // free text only when no gazetteer place was chosen
    placeText: data.placeId ? null : data.placeText,
    facility: data.facility,
    authority: data.authority,
    charges: data.charges,
    sentenceMonths: data.sentenceMonths,
    warrantShown: data.warrantShown,
    warrantDetails: data.warrantDetails,
    descriptionEnc: encryptField(data.description, eventDescriptionContext(id)),
  };
}

export async function addEvent(ctx: Ctx, caseId: string, input: unknown): Promise<CaseEventView> {
  authorize(ctx, "cases.update");
  const data = parseInput(eventSchema, input);
  return withTenant(ctx, async (tx) => {
    await loadWritableCase(tx, ctx, caseId);
    await checkPlace(tx, data.placeId);
    const id = randomUUID();
    const row = await tx.caseEvent.create({
      data: { id, organizationId: ctx.organizationId, caseId, createdById: ctx.userId, ...eventColumns(data, id) },
      include: eventPlaceInclude,
    });
    await settleTimeline(tx, caseId);
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "case.event.create",
      entityType: "CaseEvent",
      entityId: id,
      metadata: { caseId, type: data.type },
      ipHash: ctx.ipHash,
    });
    return toEventView(row);
  });
}

async function loadEvent(tx: Parameters<Parameters<typeof withTenant>[1]>[0], caseId: string, eventId: string) {
  if (!isUuid(eventId)) throw notFound("event");
  const row = await tx.caseEvent.findFirst({ where: { id: eventId, caseId, deletedAt: null }, include: eventPlaceInclude });
  if (!row) throw notFound("event");
  return row;
}

export async function updateEvent(ctx: Ctx, caseId: string, eventId: string, input: unknown): Promise<CaseEventView> {
  authorize(ctx, "cases.update");
  const data = parseInput(updateEventSchema, input);
  return withTenant(ctx, async (tx) => {
    await loadWritableCase(tx, ctx, caseId);
    const current = await loadEvent(tx, caseId, eventId);
    if (current.version !== data.version) throw staleVersion("event", { ...toEventView(current) });
    await checkPlace(tx, data.placeId);
    const columns = eventColumns(data, eventId);
    const result = await tx.caseEvent.updateMany({ where: { id: eventId, version: data.version }, data: { ...columns, version: { increment: 1 } } });
    if (result.count !== 1) throw staleVersion("event", { ...toEventView(await loadEvent(tx, caseId, eventId)) });
    await settleTimeline(tx, caseId);
    const updated = await loadEvent(tx, caseId, eventId);
    const before = toEventView(current);
    const after = toEventView(updated);
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "case.event.update",
      entityType: "CaseEvent",
      entityId: eventId,
      changedFields: changedFieldNames(
        { ...before, version: undefined, updatedAt: undefined },
        { ...after, version: undefined, updatedAt: undefined },
      ),
      metadata: { caseId },
      ipHash: ctx.ipHash,
    });
    return after;
  });
}

export async function deleteEvent(ctx: Ctx, caseId: string, eventId: string, input: unknown): Promise<void> {
  authorize(ctx, "cases.update");
  const data = parseInput(versionOnlySchema, input);
  await withTenant(ctx, async (tx) => {
    await loadWritableCase(tx, ctx, caseId);
    const current = await loadEvent(tx, caseId, eventId);
    const result = await tx.caseEvent.updateMany({
      where: { id: eventId, version: data.version },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (result.count !== 1) throw staleVersion("event", { ...toEventView(current) });
    await settleTimeline(tx, caseId);
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "case.event.delete",
      entityType: "CaseEvent",
      entityId: eventId,
      changedFields: ["deletedAt"],
      metadata: { caseId },
      ipHash: ctx.ipHash,
    });
  });
}
