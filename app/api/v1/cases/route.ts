import { apiHandler } from "@/lib/api/route";
import { createCase } from "@/lib/cases/create-case";
import { findCases } from "@/lib/cases/find-cases";

// GET /api/v1/cases — list cases (search, filters, sort and pagination as query parameters)
export const GET = apiHandler(async ({ ctx, query }) => {
  const { params: _params, ...result } = await findCases(ctx, query);
  return result;
}, { permission: "cases.read" });

// POST /api/v1/cases — open a case
export const POST = apiHandler(async ({ ctx, body }) => createCase(ctx, body), { permission: "cases.create", status: 201 });
