import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireCtx } from "@/lib/auth/context";
import { findPlaces } from "@/lib/places/find-places";
import { getProtest } from "@/lib/protests/get-protest";
import { ProtestForm } from "../../_components/protest-form";
import { orNotFound } from "@/lib/or-not-found";

// /protests/{id}/edit — change a protest's details (the version read here guards against lost updates)
export default async function EditProtestPage({ params }: { params: Promise<{ protestId: string }> }) {
  const ctx = await requireCtx("protests.write");
  const { protestId } = await params;
  const t = await getTranslations("protests");
  const protest = await orNotFound(getProtest(ctx, protestId));
  if (!protest.canEdit) notFound();
  const [place] = protest.placeId ? await findPlaces(ctx, { ids: [protest.placeId] }) : [];
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">{t("edit")}</h1>
      <ProtestForm existing={protest} place={place ?? null} />
    </div>
  );
}
