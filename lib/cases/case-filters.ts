// The case filters shared by the case list and the dashboard, so that a figure and the list it links
// to count exactly the same cases. Conditions are on `cases c`.
import "server-only";
import type { Ctx } from "@/lib/authz";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CaseEventType, CaseStatus } from "@/lib/generated/prisma/enums";
import { escapeLike } from "@/lib/search/like";
import { CASE_STATUS_CODES } from "./status-code";

export interface CaseFilterParams {
  status?: CaseStatus;
  /** a member's id, "me" or "none" */
  assignee?: string;
  tag?: string;
  hometown?: string;
  /** opened on or after / on or before (YYYY-MM-DD) */
  openedFrom?: string;
  openedTo?: string;
  /** not changed since before this day (YYYY-MM-DD) */
  updatedBefore?: string;
  /** has an event of this type, dated within eventFrom…eventTo (inclusive) */
  event?: CaseEventType;
  eventFrom?: string;
  eventTo?: string;
}

export function caseFilterConditions(ctx: Pick<Ctx, "userId">, params: CaseFilterParams): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  // statusCode, not status: see lib/cases/status-code.ts
  if (params.status) conditions.push(Prisma.sql`c."statusCode" = ${CASE_STATUS_CODES[params.status]}::smallint`);
  if (params.assignee === "me") conditions.push(Prisma.sql`c."assignedToId" = ${ctx.userId}::uuid`);
  else if (params.assignee === "none") conditions.push(Prisma.sql`c."assignedToId" IS NULL`);
  else if (params.assignee) conditions.push(Prisma.sql`c."assignedToId" = ${params.assignee}::uuid`);
  if (params.tag) conditions.push(Prisma.sql`c.tags @> ARRAY[${params.tag.toLowerCase()}]::text[]`);
  if (params.hometown) {
    // the hometown as written, or any name of the gazetteer place (or its prefecture) in any script:
    // "Ghulja" finds a hometown picked as "Құлжа"
    const like = `%${escapeLike(params.hometown)}%`;
    const named = (alias: string) =>
      Prisma.sql`(${Prisma.raw(alias)}."nameEn" ILIKE ${like} OR ${Prisma.raw(alias)}."nameKk" ILIKE ${like} OR ${Prisma.raw(alias)}."nameRu" ILIKE ${like} OR ${Prisma.raw(alias)}."nameZh" ILIKE ${like})`;
    conditions.push(Prisma.sql`EXISTS (
      SELECT 1 FROM people p
      LEFT JOIN places pl ON pl.id = p."hometownPlaceId"
      LEFT JOIN places pp ON pp.id = pl."parentId"
      WHERE p.id = c."subjectPersonId" AND (p."hometownText" ILIKE ${like} OR ${named("pl")} OR ${named("pp")}))`);
  }
  if (params.openedFrom) conditions.push(Prisma.sql`c."openedAt" >= ${params.openedFrom}::date`);
  if (params.openedTo) conditions.push(Prisma.sql`c."openedAt" < ${params.openedTo}::date + 1`);
  if (params.updatedBefore) conditions.push(Prisma.sql`c."updatedAt" < ${params.updatedBefore}::date`);
  if (params.event) {
    const from = params.eventFrom ? Prisma.sql`AND e.date >= ${params.eventFrom}::date` : Prisma.empty;
    const to = params.eventTo ? Prisma.sql`AND e.date <= ${params.eventTo}::date` : Prisma.empty;
    conditions.push(Prisma.sql`EXISTS (
      SELECT 1 FROM case_events e WHERE e."caseId" = c.id AND e."deletedAt" IS NULL AND e.type = ${params.event}::"CaseEventType" ${from} ${to})`);
  }
  return conditions;
}
