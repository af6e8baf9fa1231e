"use client";
// Setting or removing a person's portrait through the JSON API's multipart endpoint (server actions cap bodies at 1 MB).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { apiFormResult, useAppForm } from "@/components/forms/use-app-form";

export function PersonPortraitForm({ personId, hasPortrait }: { personId: string; hasPortrait: boolean }) {
  const t = useTranslations("people");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const f = useAppForm({
    defaultValues: { file: undefined as FileList | undefined, remove: false },
    // "remove" is the second button: the same form, asked to delete instead of upload
    toInput: (values: { file: FileList | undefined; remove: boolean }): RequestInit => {
      if (values.remove) return { method: "DELETE" };
      const data = new FormData();
      const file = values.file?.[0];
      if (file) data.set("file", file);
      return { method: "PUT", body: data };
    },
    action: async (init) => {
      setSaved(false);
      return apiFormResult(await fetch(`/api/v1/people/${personId}/portrait`, { ...init, credentials: "same-origin" }));
    },
    onSuccess: (_data, _values, form) => {
      form.reset();
      setSaved(true);
      router.refresh();
    },
  });

  return (
    <form {...f.formProps} className="space-y-2" aria-label={t("portrait.upload")}>
      {saved ? <Alert tone="success">{t("portrait.saved")}</Alert> : null}
      {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
      <Field id="portrait-file" label={t("portrait.file")} hint={t("portrait.hint")} error={f.errors("file")}>
        <input
          id="portrait-file"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          required
          className="block w-full text-sm"
          {...f.register("file")}
          {...f.aria("portrait-file", "file", { hint: true })}
        />
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={f.pending}>
          {t("portrait.upload")}
        </Button>
        {hasPortrait ? (
          <Button variant="ghost" disabled={f.pending} onClick={() => f.submitValues({ ...f.form.getValues(), remove: true })}>
            {t("portrait.remove")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
