// Explains a merge afterwards: who merged which records, why, and what moved.
import "server-only";
import { authorize, type Ctx, personMergeScope, personScope } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { isUuid } from "./get-person";
import type { MovedLinks } from "./merge-people";

export interface MergeExplanation {
  id: string;
  createdAt: string;
  reason: string | null;
  mergedBy: string | null;
  survivor: { id: string; displayName: string };
  merged: { id: string; displayName: string; names: string[] };
  movedLinks: MovedLinks;
  /** case references for the moved case links, so the page can name them */
  caseReferences: Record<string, string>;
}

export async function listMerges(ctx: Ctx, survivorId: string): Promise<{ id: string; createdAt: string; mergedName: string }[]> {
  authorize(ctx, "people.read");
  if (!isUuid(survivorId)) return [];
  return withTenant(ctx, async (tx) => {
    const merges = await tx.personMerge.findMany({ where: { ...personMergeScope(ctx), survivorId }, orderBy: { createdAt: "desc" } });
    const merged = await tx.person.findMany({ where: { id: { in: merges.map((m) => m.mergedPersonId) } }, select: { id: true, displayName: true } });
    return merges.map((m) => ({
      id: m.id,
      createdAt: m.createdAt.toISOString(),
      mergedName: merged.find((p) => p.id === m.mergedPersonId)?.displayName ?? "",
    }));
  });
}

export async function getMerge(ctx: Ctx, mergeId: string): Promise<MergeExplanation> {
  authorize(ctx, "people.read");
  if (!isUuid(mergeId)) throw notFound("merge");
  return withTenant(ctx, async (tx) => {
    const merge = await tx.personMerge.findFirst({
      where: { ...personMergeScope(ctx), id: mergeId },
      include: { survivor: { select: { id: true, displayName: true } }, mergedBy: { select: { name: true } } },
    });
    if (!merge) throw notFound("merge");
    const merged = await tx.person.findFirstOrThrow({
      where: { id: merge.mergedPersonId },
      select: { id: true, displayName: true, names: { select: { value: true } } },
    });
    const moved = merge.movedLinks as unknown as MovedLinks;
    const movedNames = await tx.personName.findMany({ where: { id: { in: moved.names } }, select: { value: true } });
    const caseIds = [...moved.casesAsSubject];
    const contacts = await tx.caseContact.findMany({ where: { id: { in: [...moved.caseContacts, ...moved.skipped.caseContacts] } }, select: { caseId: true } });
    caseIds.push(...contacts.map((c) => c.caseId));
    const cases = await tx.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, reference: true } });
    return {
      id: merge.id,
      createdAt: merge.createdAt.toISOString(),
      reason: merge.reason,
      mergedBy: merge.mergedBy?.name ?? null,
      survivor: merge.survivor,
      merged: { id: merged.id, displayName: merged.displayName, names: [...movedNames, ...merged.names].map((n) => n.value) },
      movedLinks: moved,
      caseReferences: Object.fromEntries(cases.map((c) => [c.id, c.reference])),
    };
  });
}

/** Where a merged record's links went: the survivor's id (following chains), or null if it was not merged. */
export async function findSurvivorId(ctx: Ctx, personId: string): Promise<string | null> {
  authorize(ctx, "people.read");
  if (!isUuid(personId)) return null;
  return withTenant(ctx, async (tx) => {
    let current = personId;
    for (let hop = 0; hop < 10; hop += 1) {
      const row = await tx.person.findFirst({ where: { ...personScope(ctx, { mergeChain: true }), id: current }, select: { mergedIntoId: true } });
      if (!row?.mergedIntoId) return current === personId ? null : current;
      current = row.mergedIntoId;
    }
    return current;
  });
}
