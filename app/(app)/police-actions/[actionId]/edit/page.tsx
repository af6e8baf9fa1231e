import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireCtx } from "@/lib/auth/context";
import { getPoliceAction } from "@/lib/police-actions/get-police-action";
import { PoliceActionForm } from "../../_components/police-action-form";
import { protestOptions } from "../../_components/protest-options";
import { orNotFound } from "@/lib/or-not-found";

// /police-actions/{id}/edit — change the action's facts (the outcome has its own form)
export default async function EditPoliceActionPage({ params }: { params: Promise<{ actionId: string }> }) {
  const ctx = await requireCtx("protests.write");
  const { actionId } = await params;
  const t = await getTranslations("police");
  const action = await orNotFound(getPoliceAction(ctx, actionId));
  if (!action.canEdit) notFound();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">{t("edit")}</h1>
      <PoliceActionForm existing={action} protests={await protestOptions(ctx)} />
    </div>
  );
}
