// Follow-up tasks on a case, with due dates and assignees; "my tasks" and "overdue" lists for the dashboard.
import "server-only";
import { randomUUID } from "node:crypto";
import { audit } from "@/lib/audit";
import { authorize, CASE_EDIT, mayEditOwn, type Ctx, taskScope } from "@/lib/authz";
import { encryptField } from "@/lib/crypto";
import { taskDescriptionContext } from "@/lib/crypto-contexts";
import { withTenant } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { TaskStatus } from "@/lib/generated/prisma/enums";
import { loadWritableCase } from "@/lib/cases/internal";
import { requireAssignableMember } from "@/lib/cases/members";
import { taskSchema, versionOnlySchema } from "@/lib/validations/case";
import { isUuid, parseInput, staleVersion } from "@/lib/service-kit";

export async function createTask(ctx: Ctx, caseId: string, input: unknown): Promise<{ id: string }> {
  authorize(ctx, "cases.update");
  const data = parseInput(taskSchema, input);
  return withTenant(ctx, async (tx) => {
    await loadWritableCase(tx, ctx, caseId);
    if (data.assigneeId) await requireAssignableMember(tx, ctx, data.assigneeId);
    const id = randomUUID();
    await tx.task.create({
      data: {
        id,
        organizationId: ctx.organizationId,
        caseId,
        title: data.title,
        descriptionEnc: encryptField(data.description, taskDescriptionContext(id)),
        dueDate: data.dueDate,
        assigneeId: data.assigneeId,
        createdById: ctx.userId,
      },
    });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "case.task.create",
      entityType: "Task",
      entityId: id,
      metadata: { caseId },
      ipHash: ctx.ipHash,
    });
    return { id };
  });
}

/** Marks a task done (or cancelled). The assignee may do this even on a case they cannot otherwise edit. */
export async function completeTask(ctx: Ctx, taskId: string, input: unknown, status: Extract<TaskStatus, "DONE" | "CANCELLED"> = "DONE"): Promise<{ version: number }> {
  authorize(ctx, "cases.update");
  const data = parseInput(versionOnlySchema, input);
  if (!isUuid(taskId)) throw notFound("task");
  return withTenant(ctx, async (tx) => {
    const task = await tx.task.findFirst({ where: { ...taskScope(ctx), id: taskId } });
    if (!task) throw notFound("task");
    if (task.assigneeId !== ctx.userId) {
      if (!task.caseId) {
        if (!mayEditOwn(ctx, false, CASE_EDIT)) throw new AppError("FORBIDDEN", "This task is not yours.");
      } else await loadWritableCase(tx, ctx, task.caseId);
    }
    const result = await tx.task.updateMany({
      where: { id: taskId, version: data.version },
      data: { status, completedAt: new Date(), version: { increment: 1 } },
    });
    if (result.count !== 1) {
      throw staleVersion("task", { version: task.version, status: task.status });
    }
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: status === "DONE" ? "case.task.complete" : "case.task.cancel",
      entityType: "Task",
      entityId: taskId,
      changedFields: ["status", "completedAt"],
      metadata: { caseId: task.caseId },
      ipHash: ctx.ipHash,
    });
    return { version: data.version + 1 };
  });
}
