import { getLocale, getTranslations } from "next-intl/server";
import { requireCtx } from "@/lib/auth/context";
import { findImportTemplates } from "@/lib/imports/templates";
import { ImportWizard } from "./_components/import-wizard";

// /import — bring people and cases in from a spreadsheet: upload, map, preview, fix, decide, import
export default async function ImportPage() {
  const ctx = await requireCtx("imports.run");
  const t = await getTranslations("imports");
  const locale = await getLocale();
  const templates = await findImportTemplates(ctx);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      <ImportWizard locale={locale} initialTemplates={templates} />
    </div>
  );
}
