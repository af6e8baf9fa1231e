import { apiHandler } from "@/lib/api/route";
import { createProtest } from "@/lib/protests/create-protest";
import { findProtests } from "@/lib/protests/find-protests";
import type { ProtestCreateInput } from "@/lib/validations/protest";

// GET /api/v1/protests — list protests (from, to, city, kind, personId, q, page, pageSize)
export const GET = apiHandler(async ({ ctx, query }) => findProtests(ctx, query), { permission: "protests.read" });

// POST /api/v1/protests — record a protest with participants (known by personId or new by name) and sources
export const POST = apiHandler(async ({ ctx, body }) => createProtest(ctx, body as ProtestCreateInput), {
  permission: "protests.write",
  status: 201,
});
