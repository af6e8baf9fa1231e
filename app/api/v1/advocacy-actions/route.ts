import { apiHandler } from "@/lib/api/route";
import { createAdvocacyAction } from "@/lib/advocacy/create-advocacy-action";
import { findAdvocacyActions, findCaseAdvocacyActions } from "@/lib/advocacy/find-advocacy-actions";
import type { AdvocacyCreateInput } from "@/lib/validations/advocacy-action";

// GET /api/v1/advocacy-actions — list (caseId, type, awaiting=true, page, pageSize); with only caseId, the
// case's actions with their texts (what was asked and what came back)
export const GET = apiHandler(async ({ ctx, query }) => {
  const onlyCase = query.caseId && !query.type && !query.awaiting && !query.page;
  if (onlyCase) {
    const items = await findCaseAdvocacyActions(ctx, query.caseId as string);
    return { items, total: items.length, page: 1, pageSize: items.length };
  }
  return findAdvocacyActions(ctx, query);
}, { permission: "cases.read" });

// POST /api/v1/advocacy-actions — record an advocacy action on a case
export const POST = apiHandler(async ({ ctx, body }) => createAdvocacyAction(ctx, body as AdvocacyCreateInput), {
  permission: "cases.update",
  status: 201,
});
