import { getTranslations } from "next-intl/server";
import { requireCtx } from "@/lib/auth/context";
import { can } from "@/lib/authz";
import { listAssignableMembers } from "@/lib/cases/members";
import { CaseCreateForm } from "../_components/case-create-form";

// Opening a case: the relative, the family contacts, consent and who follows it up.
export default async function NewCasePage() {
  const ctx = await requireCtx("cases.create");
  const t = await getTranslations("cases");
  const members = await listAssignableMembers(ctx);
  // volunteers open cases for themselves; coordinators may hand them to anyone
  const assignable = can(ctx, "cases.updateAny") ? members : members.filter((member) => member.userId === ctx.userId);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("openCase")}</h1>
      <CaseCreateForm members={assignable.map((m) => ({ id: m.userId, name: m.name }))} defaultAssigneeId={ctx.role === "VOLUNTEER" ? ctx.userId : ""} />
    </div>
  );
}
