"use client";
// Attaching a file through the JSON API's multipart endpoint (server actions cap bodies at 1 MB).
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { CaseField } from "@/components/case-form-parts";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";

export function CaseUploadForm({ caseId, events, maxMb }: { caseId: string; events: { id: string; label: string }[]; maxMb: number }) {
  const t = useTranslations("cases");
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [fileError, setFileError] = useState<string[] | undefined>();

  return (
    <form
      ref={formRef}
      noValidate
      className="space-y-3"
      aria-label={t("upload")}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        setMessage(null);
        setFileError(undefined);
        startTransition(async () => {
          const response = await fetch(`/api/v1/cases/${caseId}/attachments`, { method: "POST", body: data, credentials: "same-origin" });
          if (response.ok) {
            formRef.current?.reset();
            setMessage({ tone: "success", text: t("uploaded") });
            router.refresh();
            return;
          }
          const body = (await response.json().catch(() => null)) as { error?: { message?: string; fieldErrors?: Record<string, string[]> } } | null;
          setMessage({ tone: "error", text: body?.error?.message ?? String(response.status) });
          setFileError(body?.error?.fieldErrors?.file);
        });
      }}
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <CaseField id="upload-file" label={t("file")} hint={t("uploadHint", { mb: maxMb })} error={fileError} required>
          {(aria) => <input {...aria} type="file" name="file" required className="block w-full text-sm" />}
        </CaseField>
        {events.length > 0 ? (
          <CaseField id="upload-event" label={t("attachTo")}>
            {(aria) => (
              <Select {...aria} name="caseEventId" defaultValue="">
                <option value="">{t("source.wholeCase")}</option>
                {events.map((event) => (
                  <option key={event.id} value={event.id}>{event.label}</option>
                ))}
              </Select>
            )}
          </CaseField>
        ) : null}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("uploading") : t("upload")}
      </Button>
    </form>
  );
}
