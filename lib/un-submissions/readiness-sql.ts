// The case list's readiness filter ("ready for a WGEID submission" / "missing elements") and the
// dashboard's counts, as conditions on `cases c` over each case's kept readiness (case_un_readiness:
// recomputed by database triggers whenever a row the rules read changes, so reading it is one index
// look-up per case instead of a dozen). A test (tests/integration/un-readiness-state.test.ts) holds the
// kept state equal to the rules of readiness.ts after every kind of change.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { UnReadinessFilter, UnSubmissionKind } from "./readiness";

const READY_COLUMN: Record<UnSubmissionKind, Prisma.Sql> = {
  WGEID: Prisma.sql`r."wgeidReady"`,
  WGAD: Prisma.sql`r."wgadReady"`,
};

/** True for a case that holds every element (and the consent) for this Working Group. */
export function unReadySql(type: UnSubmissionKind): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM case_un_readiness r WHERE r."caseId" = c.id AND ${READY_COLUMN[type]})`;
}

/** The case list's condition for a readiness filter. */
export function unReadinessFilterSql(filter: UnReadinessFilter): Prisma.Sql {
  const type: UnSubmissionKind = filter.startsWith("wgeid") ? "WGEID" : "WGAD";
  return filter.endsWith("ready") ? unReadySql(type) : Prisma.sql`NOT ${unReadySql(type)}`;
}
