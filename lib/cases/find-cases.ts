// The case list: search by any spelling of the subject's name or by reference, filters, sort and
// pagination. Kept fast on large organisations: the name search uses the trigram index on name
// skeletons, the default order the (organizationId, deletedAt, updatedAt) index, and the total is capped.
import "server-only";
import { authorize, can, caseScope, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CaseStatus, DisclosureLevel, Priority, VerificationLevel } from "@/lib/generated/prisma/enums";
import { skeletonKey } from "@/lib/names/keys";
import { caseListQuerySchema, type CaseListParams, type CaseListQuery } from "@/lib/validations/case";
import { parseInput } from "./internal";

export interface CaseListItem {
  id: string;
  reference: string;
  subjectName: string;
  status: CaseStatus;
  disclosureLevel: DisclosureLevel;
  verificationLevel: VerificationLevel;
  priority: Priority;
  tags: string[];
  assignedToId: string | null;
  lastEventDate: string | null;
  openedAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface CaseListResult {
  items: CaseListItem[];
  /** exact up to COUNT_CAP; when capped, `totalCapped` is true and the UI shows "1000+" */
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  params: CaseListParams;
}

export const COUNT_CAP = 1000;
const REFERENCE_LIKE = /^[A-Za-z]{1,10}-\d{0,4}(-\d{0,6})?$/;

/** Search words as skeleton fragments; each must appear in one of the subject's names. */
function nameTokens(q: string): string[] {
  const skeleton = skeletonKey(q);
  // trigram index needs fragments of 3+ characters to narrow the search; shorter ones still filter
  return Array.from(new Set(skeleton.split(" ").filter((token) => token.length > 0)));
}

function buildWhere(ctx: Ctx, params: CaseListParams): Prisma.CaseWhereInput {
  const showDeleted = params.deleted === "1" && can(ctx, "cases.delete");
  const where: Prisma.CaseWhereInput = showDeleted
    ? { ...caseScope(ctx, { includeDeleted: true }), deletedAt: { not: null } }
    : { ...caseScope(ctx) };
  const and: Prisma.CaseWhereInput[] = [];
  if (params.q) {
    const tokens = nameTokens(params.q);
    const or: Prisma.CaseWhereInput[] = [];
    if (tokens.length > 0) {
      or.push({ subject: { names: { some: { AND: tokens.map((token) => ({ skeleton: { contains: token } })) } } } });
    }
    if (REFERENCE_LIKE.test(params.q)) or.push({ reference: { startsWith: params.q.toUpperCase() } });
    and.push(or.length > 0 ? { OR: or } : { id: "00000000-0000-0000-0000-000000000000" });
  }
  if (params.status) where.status = params.status;
  if (params.disclosure) where.disclosureLevel = params.disclosure;
  if (params.verification) where.verificationLevel = params.verification;
  if (params.assignee === "me") where.assignedToId = ctx.userId;
  else if (params.assignee === "none") where.assignedToId = null;
  else if (params.assignee) where.assignedToId = params.assignee;
  if (params.tag) where.tags = { has: params.tag.toLowerCase() };
  if (params.hometown) and.push({ subject: { hometownText: { contains: params.hometown, mode: "insensitive" } } });
  // the date range applies to the date of the latest event (what happened when)
  if (params.from || params.to) {
    where.lastEventDate = {
      ...(params.from ? { gte: new Date(`${params.from}T00:00:00Z`) } : {}),
      ...(params.to ? { lte: new Date(`${params.to}T00:00:00Z`) } : {}),
    };
  }
  if (and.length > 0) where.AND = and;
  return where;
}

function buildOrder(params: CaseListParams): Prisma.CaseOrderByWithRelationInput[] {
  const dir = params.dir;
  switch (params.sort) {
    case "opened":
      return [{ openedAt: dir }, { id: dir }];
    case "reference":
      return [{ reference: dir }];
    case "lastEvent":
      return [{ lastEventDate: { sort: dir, nulls: "last" } }, { id: dir }];
    case "priority":
      return [{ priority: dir }, { updatedAt: "desc" }, { id: dir }];
    default:
      return [{ updatedAt: dir }, { id: dir }];
  }
}

export async function findCases(ctx: Ctx, query: CaseListQuery | Record<string, unknown> = {}): Promise<CaseListResult> {
  authorize(ctx, "cases.read");
  const params = parseInput(caseListQuerySchema, query);
  const where = buildWhere(ctx, params);
  return withTenant(ctx, async (tx) => {
    const rows = await tx.case.findMany({
      where,
      orderBy: buildOrder(params),
      skip: (params.page - 1) * params.pageSize,
      take: params.pageSize,
      select: {
        id: true,
        reference: true,
        status: true,
        disclosureLevel: true,
        verificationLevel: true,
        priority: true,
        tags: true,
        assignedToId: true,
        lastEventDate: true,
        openedAt: true,
        updatedAt: true,
        deletedAt: true,
        subject: { select: { displayName: true } },
      },
    });
    // Counting every match on a large organisation costs more than the page itself; past the cap the
    // list says "1000+" instead.
    const onFirstPages = rows.length < params.pageSize && params.page === 1;
    const total = onFirstPages ? rows.length : await tx.case.count({ where, take: COUNT_CAP + 1 });
    return {
      items: rows.map((row) => ({
        id: row.id,
        reference: row.reference,
        subjectName: row.subject.displayName,
        status: row.status,
        disclosureLevel: row.disclosureLevel,
        verificationLevel: row.verificationLevel,
        priority: row.priority,
        tags: row.tags,
        assignedToId: row.assignedToId,
        lastEventDate: row.lastEventDate ? row.lastEventDate.toISOString().slice(0, 10) : null,
        openedAt: row.openedAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
        deletedAt: row.deletedAt ? row.deletedAt.toISOString() : null,
      })),
      total: Math.min(total, COUNT_CAP),
      totalCapped: total > COUNT_CAP,
      page: params.page,
      pageSize: params.pageSize,
      params,
    };
  });
}
