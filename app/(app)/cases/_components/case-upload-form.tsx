"use client";
// Attaching a file through the JSON API's multipart endpoint (server actions cap bodies at 1 MB).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { CaseField } from "@/components/case-form-parts";
import { apiFormResult, useAppForm } from "@/components/forms/use-app-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";

export function CaseUploadForm({ caseId, events, maxMb }: { caseId: string; events: { id: string; label: string }[]; maxMb: number }) {
  const t = useTranslations("cases");
  const router = useRouter();
  const [uploaded, setUploaded] = useState(false);
  const f = useAppForm({
    defaultValues: { file: undefined as FileList | undefined, caseEventId: "" },
    toInput: (values: { file: FileList | undefined; caseEventId: string }) => {
      const data = new FormData();
      const file = values.file?.[0];
      if (file) data.set("file", file);
      if (values.caseEventId) data.set("caseEventId", values.caseEventId);
      return data;
    },
    action: async (data) => {
      setUploaded(false);
      return apiFormResult(await fetch(`/api/v1/cases/${caseId}/attachments`, { method: "POST", body: data, credentials: "same-origin" }));
    },
    onSuccess: (_data, _values, form) => {
      form.reset();
      setUploaded(true);
      router.refresh();
    },
  });

  return (
    <form {...f.formProps} className="space-y-3" aria-label={t("upload")}>
      {uploaded ? <Alert tone="success">{t("uploaded")}</Alert> : null}
      {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <CaseField id="upload-file" label={t("file")} hint={t("uploadHint", { mb: maxMb })} error={f.errors("file")} required>
          {(aria) => <input {...aria} type="file" required className="block w-full text-sm" {...f.register("file")} />}
        </CaseField>
        {events.length > 0 ? (
          <CaseField id="upload-event" label={t("attachTo")}>
            {(aria) => (
              <Select {...aria} {...f.register("caseEventId")}>
                <option value="">{t("source.wholeCase")}</option>
                {events.map((event) => (
                  <option key={event.id} value={event.id}>{event.label}</option>
                ))}
              </Select>
            )}
          </CaseField>
        ) : null}
      </div>
      <Button type="submit" disabled={f.pending}>
        {f.pending ? t("uploading") : t("upload")}
      </Button>
    </form>
  );
}
