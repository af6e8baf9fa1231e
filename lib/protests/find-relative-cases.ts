// The cases a person speaks for as a family member: the choices for "protested for the case of".
import "server-only";
import { authorize, caseScope, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { isUuid } from "@/lib/service-kit";

export interface RelativeCaseOption {
  id: string;
  reference: string;
  subjectName: string;
}

export async function findRelativeCases(ctx: Ctx, personId: string): Promise<RelativeCaseOption[]> {
  authorize(ctx, "cases.read");
  if (!isUuid(personId)) return [];
  return withTenant(ctx, async (tx) => {
    const rows = await tx.case.findMany({
      where: { ...caseScope(ctx), contacts: { some: { personId } } },
      select: { id: true, reference: true, subject: { select: { displayName: true } } },
      orderBy: { reference: "asc" },
      take: 20,
    });
    return rows.map((row) => ({ id: row.id, reference: row.reference, subjectName: row.subject.displayName }));
  });
}
