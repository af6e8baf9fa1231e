import { apiHandler, versionOf } from "@/lib/api/route";
import { getCase } from "@/lib/cases/get-case";
import { deleteCase } from "@/lib/cases/manage-case";
import { updateCase } from "@/lib/cases/update-case";

type Params = { caseId: string };

// GET /api/v1/cases/{caseId} — one case with its timeline, contacts (when allowed), sources and files
export const GET = apiHandler<Params>(async ({ ctx, params }) => getCase(ctx, params.caseId), { permission: "cases.read" });

// PATCH /api/v1/cases/{caseId} — edit the case's fields; `version` must be the one last read
export const PATCH = apiHandler<Params>(async ({ ctx, params, body }) => updateCase(ctx, params.caseId, body), { permission: "cases.update" });

// DELETE /api/v1/cases/{caseId} — soft-delete (coordinators); `version` in the body or query
export const DELETE = apiHandler<Params>(async ({ ctx, params, body, query }) => deleteCase(ctx, params.caseId, versionOf({ body, query })), { permission: "cases.delete" });
