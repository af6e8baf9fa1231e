// Editing a case's own fields with optimistic locking: a save against an older version is refused.
import "server-only";
import { audit, changedFieldNames } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { encryptField } from "@/lib/crypto";
import { caseConsentNotesContext, caseSummaryContext } from "@/lib/crypto-contexts";
import { withTenant } from "@/lib/db";
import { decryptField } from "@/lib/crypto";
import { updateCaseSchema, type UpdateCaseInput } from "@/lib/validations/case";
import { loadWritableCase } from "./internal";
import { parseInput, staleVersion } from "@/lib/service-kit";

/** The editable fields as a reader sees them, sent back on a conflict so the UI can show both sides. */
export function editableSnapshot(row: {
  version: number;
  disclosureLevel: string;
  consentGivenBy: string | null;
  consentGivenAt: Date | null;
  consentScope: string | null;
  consentNotesEnc: string | null;
  priority: string;
  verificationLevel: string;
  tags: string[];
  summaryEnc: string | null;
  id: string;
  updatedAt: Date;
}) {
  return {
    version: row.version,
    disclosureLevel: row.disclosureLevel,
    consentGivenBy: row.consentGivenBy,
    consentGivenAt: row.consentGivenAt ? row.consentGivenAt.toISOString().slice(0, 10) : null,
    consentScope: row.consentScope,
    consentNotes: decryptField(row.consentNotesEnc, caseConsentNotesContext(row.id)),
    priority: row.priority,
    verificationLevel: row.verificationLevel,
    tags: row.tags,
    summary: decryptField(row.summaryEnc, caseSummaryContext(row.id)),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function updateCase(ctx: Ctx, caseId: string, input: UpdateCaseInput | unknown): Promise<{ id: string; version: number }> {
  authorize(ctx, "cases.update");
  const data = parseInput(updateCaseSchema, input);
  return withTenant(ctx, async (tx) => {
    const current = await loadWritableCase(tx, ctx, caseId);
    if (current.version !== data.version) throw staleVersion("case", editableSnapshot(current));

    const before = editableSnapshot(current);
    const { version, consentNotes, summary, consentGivenAt, ...plain } = data;
    const changes = {
      ...plain,
      ...(consentGivenAt !== undefined ? { consentGivenAt } : {}),
      ...(consentNotes !== undefined ? { consentNotesEnc: encryptField(consentNotes, caseConsentNotesContext(caseId)) } : {}),
      ...(summary !== undefined ? { summaryEnc: encryptField(summary, caseSummaryContext(caseId)) } : {}),
    };
    // The version in the WHERE makes the check and the write one step, so two racing saves cannot both pass.
    const result = await tx.case.updateMany({ where: { id: caseId, version }, data: { ...changes, version: { increment: 1 } } });
    if (result.count !== 1) {
      const latest = await tx.case.findUniqueOrThrow({ where: { id: caseId } });
      throw staleVersion("case", editableSnapshot(latest));
    }
    const after = {
      ...before,
      ...plain,
      ...(consentGivenAt !== undefined ? { consentGivenAt: consentGivenAt ? consentGivenAt.toISOString().slice(0, 10) : null } : {}),
      ...(consentNotes !== undefined ? { consentNotes } : {}),
      ...(summary !== undefined ? { summary } : {}),
    };
    const { version: _v, updatedAt: _u, ...beforeFields } = before;
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "case.update",
      entityType: "Case",
      entityId: caseId,
      changedFields: changedFieldNames(beforeFields, { ...after, version: undefined, updatedAt: undefined }),
      ipHash: ctx.ipHash,
    });
    return { id: caseId, version: version + 1 };
  });
}
