import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireCtx } from "@/lib/auth/context";
import { getCase } from "@/lib/cases/get-case";
import { orNotFound } from "@/lib/or-not-found";
import { CaseEditForm } from "../../_components/case-edit-form";

// Editing a case's own fields; the form carries the version it was opened at.
export default async function EditCasePage({ params }: { params: Promise<{ caseId: string }> }) {
  const ctx = await requireCtx("cases.update");
  const { caseId } = await params;
  const t = await getTranslations("cases");
  const detail = await orNotFound(getCase(ctx, caseId));
  if (!detail.permissions.edit) notFound();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">
        {t("editCase")} <span className="font-mono text-base text-slate-600">{detail.reference}</span>
      </h1>
      <CaseEditForm
        caseId={caseId}
        initial={{
          version: detail.version,
          disclosureLevel: detail.disclosureLevel,
          consentGivenBy: detail.consentGivenBy ?? "",
          consentGivenAt: detail.consentGivenAt ?? "",
          consentScope: detail.consentScope ?? "",
          consentNotes: detail.consentNotes ?? "",
          priority: detail.priority,
          verificationLevel: detail.verificationLevel,
          tags: detail.tags.join(", "),
          summary: detail.summary ?? "",
        }}
      />
    </div>
  );
}
