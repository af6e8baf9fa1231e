// The visible shape of an advocacy action and the case checks its services share.
import "server-only";
import { caseScope, caseWriteScope, type Ctx } from "@/lib/authz";
import { decryptField } from "@/lib/crypto";
import { advocacyDescriptionContext, advocacyResponseContext } from "@/lib/crypto-contexts";
import type { Tx } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import type { AdvocacyActionType } from "@/lib/generated/prisma/enums";
import { isoDay } from "@/lib/service-kit";

export interface AdvocacyActionView {
  id: string;
  caseId: string;
  caseReference: string;
  type: AdvocacyActionType;
  date: string;
  recipient: string;
  theirReference: string | null;
  description: string | null;
  response: string | null;
  responseDate: string | null;
  /** whole days since the action while no response has come; null once answered */
  daysWaiting: number | null;
  createdById: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const advocacyInclude = { case: { select: { reference: true } } } as const;

interface AdvocacyRow {
  id: string;
  caseId: string;
  type: AdvocacyActionType;
  date: Date;
  recipient: string;
  theirReference: string | null;
  descriptionEnc: string | null;
  responseEnc: string | null;
  responseDate: Date | null;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  case: { reference: string };
}

const DAY_MS = 86_400_000;

export function toAdvocacyView(row: AdvocacyRow, withText: boolean, now = new Date()): AdvocacyActionView {
  const answered = row.responseDate !== null || row.responseEnc !== null;
  return {
    id: row.id,
    caseId: row.caseId,
    caseReference: row.case.reference,
    type: row.type,
    date: isoDay(row.date) as string,
    recipient: row.recipient,
    theirReference: row.theirReference,
    description: withText ? decryptField(row.descriptionEnc, advocacyDescriptionContext(row.id)) : null,
    response: withText ? decryptField(row.responseEnc, advocacyResponseContext(row.id)) : null,
    responseDate: isoDay(row.responseDate),
    daysWaiting: answered ? null : Math.max(0, Math.floor((now.getTime() - row.date.getTime()) / DAY_MS)),
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** The case, when the acting user may edit it (advocacy work is part of working the case). */
export async function writableCase(tx: Tx, ctx: Ctx, caseId: string): Promise<{ id: string }> {
  const found = await tx.case.findFirst({ where: { ...caseWriteScope(ctx), id: caseId }, select: { id: true } });
  if (!found) {
    // a case one may read but not edit is refused as such; one one may not see is simply not found
    const readable = await tx.case.findFirst({ where: { ...caseScope(ctx), id: caseId }, select: { id: true } });
    if (readable) throw forbidden("Only those working on this case may record its advocacy.");
    throw notFound("case");
  }
  return found;
}
