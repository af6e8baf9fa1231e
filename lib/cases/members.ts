// Who a case or task can be handed to: active members of the organisation who may edit cases.
import "server-only";
import type { Ctx } from "@/lib/authz";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { withTenant } from "@/lib/db";
import { authorize, assignableMemberScope } from "@/lib/authz";

export async function requireAssignableMember(tx: Tx, ctx: Ctx, userId: string): Promise<void> {
  const membership = await tx.membership.findFirst({
    where: { ...assignableMemberScope(ctx), userId },
    select: { id: true },
  });
  if (!membership) throw new AppError("INVALID", "This person is not an active member who can work on cases.", { fieldErrors: { assignedToId: ["invalidChoice"] } });
}

export interface AssignableMember {
  userId: string;
  name: string;
  role: string;
}

/** Members a case or task may be assigned to, for pickers. */
export async function listAssignableMembers(ctx: Ctx): Promise<AssignableMember[]> {
  authorize(ctx, "cases.read");
  return withTenant(ctx, async (tx) => {
    const rows = await tx.membership.findMany({
      where: assignableMemberScope(ctx),
      select: { userId: true, role: true, user: { select: { name: true } } },
      orderBy: { user: { name: "asc" } },
    });
    return rows.map((row) => ({ userId: row.userId, name: row.user.name, role: row.role }));
  });
}
