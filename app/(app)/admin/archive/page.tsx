import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { findArchiveExports } from "@/lib/archive/export-archive";
import { findArchiveImports, organizationIsEmpty } from "@/lib/archive/run-import";
import { requireCtx } from "@/lib/auth/context";
import { AdminTabs } from "../_components/admin-tabs";
import { ArchiveExportPanel } from "./_components/archive-export-panel";
import { ArchiveImportPanel } from "./_components/archive-import-panel";

// Administration → Archive: export the whole organisation to move it to another installation, or import
// another installation's archive into this organisation while it is empty
export default async function AdminArchivePage() {
  const ctx = await requireCtx("archive.export");
  const [jobs, imports, empty] = await Promise.all([findArchiveExports(ctx), findArchiveImports(ctx), organizationIsEmpty(ctx)]);
  const t = await getTranslations("admin");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t("title")}</h1>
      <AdminTabs current="archive" />
      <h2 className="mb-2 text-xl font-semibold">{t("archive.title")}</h2>
      <p className="mb-3 max-w-3xl text-sm text-slate-700">{t("archive.intro")}</p>
      <Alert tone="warning">{t("archive.warning")}</Alert>
      <ArchiveExportPanel initial={jobs} />
      <ArchiveImportPanel initial={imports as never} empty={empty} />
      <p className="mt-6 max-w-3xl text-sm text-slate-600">{t("archive.importHint")}</p>
    </>
  );
}
