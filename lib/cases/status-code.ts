// The number the database stores beside each case's status (cases."statusCode", a generated column,
// migration 20261123190000_case_status_code). The case list filters on it because comparing a
// smallint is leakproof and comparing an enum is not: only the former can use an index under
// row-level security. Must match the migration's CASE expression (a test compares them).
import type { CaseStatus } from "@/lib/generated/prisma/enums";

export const CASE_STATUS_CODES: Readonly<Record<CaseStatus, number>> = {
  MISSING: 1,
  DETAINED: 2,
  SENTENCED: 3,
  IN_CAMP: 4,
  HOUSE_ARREST: 5,
  RELEASED_IN_CHINA: 6,
  RETURNED_TO_KAZAKHSTAN: 7,
  DECEASED: 8,
  UNKNOWN: 9,
};
