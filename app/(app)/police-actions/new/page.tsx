import { getTranslations } from "next-intl/server";
import { requireCtx } from "@/lib/auth/context";
import { PoliceActionForm } from "../_components/police-action-form";
import { protestOptions } from "../_components/protest-options";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// /police-actions/new — record a police action (optionally after a given protest: ?protestId=)
export default async function NewPoliceActionPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireCtx("protests.write");
  const t = await getTranslations("police");
  const { protestId } = await searchParams;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">{t("newTitle")}</h1>
      <PoliceActionForm protests={await protestOptions(ctx)} defaultProtestId={typeof protestId === "string" ? protestId : null} />
    </div>
  );
}
