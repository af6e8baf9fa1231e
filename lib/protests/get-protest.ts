// One protest as its page shows it: details, sources, participants and the police actions that followed.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, personScope, type Ctx, mayEditRecord, protestScope } from "@/lib/authz";
import { decryptField } from "@/lib/crypto";
import { protestDescriptionContext } from "@/lib/crypto-contexts";
import { withTenant } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type {
  ParticipationRole,
  PoliceActionStatus,
  PoliceActionType,
  PoliceOutcome,
  ProtestKind,
} from "@/lib/generated/prisma/enums";
import { decimalToNumber, isUuid, isoDay } from "@/lib/service-kit";

export interface ProtestParticipantView {
  personId: string;
  displayName: string;
  role: ParticipationRole;
  caseId: string | null;
  caseReference: string | null;
}

export interface ProtestPoliceActionSummary {
  id: string;
  personId: string;
  personName: string;
  type: PoliceActionType;
  date: string;
  hearingAt: string | null;
  status: PoliceActionStatus;
  outcome: PoliceOutcome | null;
  outcomeDate: string | null;
  outcomeFineAmount: number | null;
  currency: string;
}

export interface ProtestView {
  id: string;
  startsAt: string;
  city: string;
  location: string | null;
  placeId: string | null;
  kind: ProtestKind;
  organiser: string | null;
  description: string | null;
  sources: { id: string; title: string; url: string | null }[];
  participants: ProtestParticipantView[];
  policeActions: ProtestPoliceActionSummary[];
  createdById: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  canEdit: boolean;
}

export async function getProtest(ctx: Ctx, protestId: string): Promise<ProtestView> {
  authorize(ctx, "protests.read");
  if (!isUuid(protestId)) throw notFound("protest");
  return withTenant(ctx, async (tx) => {
    // one query at a time: Prisma runs sibling `include`s concurrently, and a transaction has one connection
    const row = await tx.protest.findFirst({ where: { ...protestScope(ctx), id: protestId } });
    if (!row) throw notFound("protest");
    const participations = await tx.protestParticipation.findMany({
      where: { protestId, person: personScope(ctx) },
      include: { person: { select: { displayName: true } } },
      orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    });
    const caseIds = [...new Set(participations.flatMap((p) => (p.caseId ? [p.caseId] : [])))];
    const cases = caseIds.length
      ? await tx.case.findMany({ where: { id: { in: caseIds }, deletedAt: null }, select: { id: true, reference: true } })
      : [];
    const caseReference = new Map(cases.map((c) => [c.id, c.reference]));
    const policeActions = await tx.policeAction.findMany({
      where: { protestId, deletedAt: null, person: personScope(ctx) },
      include: { person: { select: { displayName: true } } },
      orderBy: [{ date: "asc" }, { createdAt: "asc" }],
    });
    const sourceLinks = await tx.sourceLink.findMany({
      where: { protestId },
      include: { source: { select: { id: true, title: true, url: true, deletedAt: true } } },
    });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "protest.view",
      entityType: "Protest",
      entityId: row.id,
      ipHash: ctx.ipHash ?? null,
    });
    return {
      id: row.id,
      startsAt: row.startsAt.toISOString(),
      city: row.city,
      location: row.location,
      placeId: row.placeId,
      kind: row.kind,
      organiser: row.organiser,
      description: decryptField(row.descriptionEnc, protestDescriptionContext(row.id)),
      sources: sourceLinks
        .filter((link) => !link.source.deletedAt)
        .map((link) => ({ id: link.source.id, title: link.source.title, url: link.source.url })),
      participants: participations.map((p) => ({
        personId: p.personId,
        displayName: p.person.displayName,
        role: p.role,
        caseId: p.caseId && caseReference.has(p.caseId) ? p.caseId : null,
        caseReference: (p.caseId && caseReference.get(p.caseId)) || null,
      })),
      policeActions: policeActions.map((a) => ({
        id: a.id,
        personId: a.personId,
        personName: a.person.displayName,
        type: a.type,
        date: isoDay(a.date) as string,
        hearingAt: a.hearingAt?.toISOString() ?? null,
        status: a.status,
        outcome: a.outcome,
        outcomeDate: isoDay(a.outcomeDate),
        outcomeFineAmount: decimalToNumber(a.outcomeFineAmount),
        currency: a.currency,
      })),
      createdById: row.createdById,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      version: row.version,
      canEdit: mayEditRecord(ctx, row),
    };
  });
}
