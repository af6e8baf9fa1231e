// Adding participants inside a protest transaction: known people are checked against what the acting
// user may see, new people are created on the spot, and nobody is added twice.
import "server-only";
import { caseScope, personScope, type Ctx } from "@/lib/authz";
import type { Tx } from "@/lib/db";
import { invalid, type FieldErrors } from "@/lib/errors";
import { insertPersonInTx } from "@/lib/people/create-person";
import type { Participant } from "@/lib/validations/protest";

/**
 * Creates the participation rows for `participants` (paths in errors start with `pathPrefix`).
 * Returns the ids of the people added, in order.
 */
export async function addParticipantsInTx(
  tx: Tx,
  ctx: Ctx,
  protestId: string,
  participants: Participant[],
  pathPrefix: (index: number) => string,
): Promise<string[]> {
  const errors: FieldErrors = {};
  const add = (path: string, key: string) => (errors[path] ??= []).push(key);

  const knownIds = participants.flatMap((p) => (p.personId ? [p.personId] : []));
  const visible = new Set(
    (await tx.person.findMany({ where: { ...personScope(ctx), id: { in: knownIds } }, select: { id: true } })).map((p) => p.id),
  );
  const caseIds = participants.flatMap((p) => (p.caseId ? [p.caseId] : []));
  const visibleCases = new Set(
    (await tx.case.findMany({ where: { ...caseScope(ctx), id: { in: caseIds } }, select: { id: true } })).map((c) => c.id),
  );
  const already = new Set(
    (await tx.protestParticipation.findMany({ where: { protestId, personId: { in: knownIds } }, select: { personId: true } })).map(
      (p) => p.personId,
    ),
  );

  const seen = new Set<string>();
  participants.forEach((participant, index) => {
    if (participant.personId) {
      if (!visible.has(participant.personId)) add(`${pathPrefix(index)}.personId`, "invalidChoice");
      else if (already.has(participant.personId) || seen.has(participant.personId)) add(`${pathPrefix(index)}.personId`, "alreadyParticipant");
      seen.add(participant.personId);
    }
    if (participant.caseId && !visibleCases.has(participant.caseId)) add(`${pathPrefix(index)}.caseId`, "invalidChoice");
  });
  if (Object.keys(errors).length > 0) throw invalid("Some participants cannot be added.", errors);

  const personIds: string[] = [];
  for (const participant of participants) {
    const personId = participant.personId ?? (await insertPersonInTx(tx, ctx, { names: [{ value: participant.newPerson!.name }] }));
    personIds.push(personId);
    await tx.protestParticipation.create({
      data: { organizationId: ctx.organizationId, protestId, personId, role: participant.role, caseId: participant.caseId },
    });
  }
  return personIds;
}
