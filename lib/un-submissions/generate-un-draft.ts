// A UN submission draft for one case, as DOCX or PDF, downloaded at once (one case is small work).
// Refused without the family's recorded consent (409) and while any element is missing (422); both
// answers list the missing elements. Each generation is audited, naming the type and format only.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { portraitForDocument } from "@/lib/people/portrait";
import { unDraftRequestSchema, type UnDraftRequest } from "@/lib/validations/un-submission";
import { buildDraft } from "./draft-content";
import { renderDraftDocx } from "./draft-docx";
import { renderDraftPdf } from "./draft-pdf";
import { loadUnCaseData } from "./internal";
import { readiness, targetHref } from "./readiness";
import { parseInput } from "@/lib/service-kit";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export interface UnDraftFile {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

export async function generateUnDraft(ctx: Ctx, caseId: string, request: UnDraftRequest, now: Date = new Date()): Promise<UnDraftFile> {
  authorize(ctx, "unSubmissions.manage");
  const { type, format, lang } = parseInput(unDraftRequestSchema, request);
  const { data, urgent, portrait } = await withTenant(ctx, async (tx) => {
    const loaded = await loadUnCaseData(tx, ctx, caseId);
    const result = readiness(type, loaded.input, now);
    const missing = result.missing.map((m) => ({ element: m.element, href: targetHref(caseId, m.target) }));
    if (!result.consent) {
      throw new AppError("CONFLICT", "A draft needs the family's recorded consent first.", { key: "unConsentMissing", details: { missing } });
    }
    if (!result.ready) {
      throw new AppError("INVALID", "The case is missing elements the Working Group needs.", { key: "unElementsMissing", details: { missing } });
    }
    // managers may see contacts; the rule is still the person page's, and the view is audited
    const portrait = await portraitForDocument(tx, ctx, loaded.input.subject.id, "unDraft");
    return { data: loaded, urgent: result.urgent, portrait };
  });
  // Rendering (fonts, layout) can take seconds on a busy server: it runs outside the read transaction,
  // and the file is handed out only once its generation is in the audit log.
  const draft = buildDraft(data, type, lang, now, { portrait });
  const bytes = format === "pdf" ? await renderDraftPdf(draft, now) : await renderDraftDocx(draft);
  await withTenant(ctx, (tx) =>
    audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "un.draft.generate",
      entityType: "Case",
      entityId: caseId,
      metadata: { type, format, lang, urgent, submissionId: data.latest[type]?.id ?? null },
      ipHash: ctx.ipHash,
    }),
  );
  return {
    bytes,
    contentType: format === "pdf" ? "application/pdf" : DOCX_TYPE,
    fileName: `${data.reference}-${type}.${format}`,
  };
}
