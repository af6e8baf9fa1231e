import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireCtx } from "@/lib/auth/context";
import { isAppError } from "@/lib/errors";
import { getProtest, type ProtestView } from "@/lib/protests/get-protest";
import { ProtestForm } from "../../_components/protest-form";

// /protests/{id}/edit — change a protest's details (the version read here guards against lost updates)
export default async function EditProtestPage({ params }: { params: Promise<{ protestId: string }> }) {
  const ctx = await requireCtx("protests.write");
  const { protestId } = await params;
  const t = await getTranslations("protests");
  let protest: ProtestView;
  try {
    protest = await getProtest(ctx, protestId);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  if (!protest.canEdit) notFound();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">{t("edit")}</h1>
      <ProtestForm existing={protest} />
    </div>
  );
}
