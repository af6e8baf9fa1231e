// The case page's readiness panel: for each Working Group, "ready" or exactly what is missing, each
// missing element with the link to the field that fills it. It says which fields are empty, never
// their values, so everyone who may read the case sees it (volunteers fill the gaps).
import "server-only";
import { authorize, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { loadUnCaseData } from "./internal";
import { readiness, targetHref, UN_SUBMISSION_TYPES, type Readiness, type UnElement, type UnSubmissionKind } from "./readiness";

export interface ReadinessView extends Omit<Readiness, "missing"> {
  missing: { element: UnElement; href: string }[];
}

export async function getUnReadiness(ctx: Ctx, caseId: string, now: Date = new Date()): Promise<Record<UnSubmissionKind, ReadinessView>> {
  authorize(ctx, "cases.read");
  return withTenant(ctx, async (tx) => {
    const data = await loadUnCaseData(tx, ctx, caseId);
    const views = UN_SUBMISSION_TYPES.map((type) => {
      const result = readiness(type, data.input, now);
      return [type, { ...result, missing: result.missing.map((m) => ({ element: m.element, href: targetHref(caseId, m.target) })) }] as const;
    });
    return Object.fromEntries(views) as Record<UnSubmissionKind, ReadinessView>;
  });
}
