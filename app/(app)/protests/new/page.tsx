import { getTranslations } from "next-intl/server";
import { requireCtx } from "@/lib/auth/context";
import { ProtestForm } from "../_components/protest-form";

// /protests/new — record a protest with fast participant entry
export default async function NewProtestPage() {
  await requireCtx("protests.write");
  const t = await getTranslations("protests");
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">{t("newTitle")}</h1>
      <ProtestForm />
    </div>
  );
}
