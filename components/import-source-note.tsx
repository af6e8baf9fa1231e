// "Imported from families.xlsx, sheet Cases, row 12" under a record's title, when it came from a spreadsheet.
import { getTranslations } from "next-intl/server";
import type { ImportSourceView } from "@/lib/imports/find-import-source";

export async function ImportSourceNote({ source }: { source: ImportSourceView | null }) {
  if (!source) return null;
  const t = await getTranslations("imports");
  return (
    <p className="text-xs text-slate-600" data-testid="import-source" dir="auto">
      {t("sourceTitle")}: {t("source", { file: source.fileName, sheet: source.sheet, row: source.row })}
    </p>
  );
}
