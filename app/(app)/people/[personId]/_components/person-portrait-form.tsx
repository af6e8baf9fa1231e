"use client";
// Setting or removing a person's portrait through the JSON API's multipart endpoint (server actions cap bodies at 1 MB).
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";

export function PersonPortraitForm({ personId, hasPortrait }: { personId: string; hasPortrait: boolean }) {
  const t = useTranslations("people");
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  const send = (init: RequestInit) =>
    startTransition(async () => {
      setMessage(null);
      const response = await fetch(`/api/v1/people/${personId}/portrait`, { ...init, credentials: "same-origin" });
      if (response.ok) {
        formRef.current?.reset();
        setMessage({ tone: "success", text: t("portrait.saved") });
        router.refresh();
        return;
      }
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      setMessage({ tone: "error", text: body?.error?.message ?? String(response.status) });
    });

  return (
    <form
      ref={formRef}
      noValidate
      className="space-y-2"
      aria-label={t("portrait.upload")}
      onSubmit={(e) => {
        e.preventDefault();
        send({ method: "PUT", body: new FormData(e.currentTarget) });
      }}
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Field id="portrait-file" label={t("portrait.file")} hint={t("portrait.hint")}>
        <input id="portrait-file" type="file" name="file" accept="image/jpeg,image/png,image/webp" required className="block w-full text-sm" aria-describedby={describedBy("portrait-file", { hint: true })} />
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {t("portrait.upload")}
        </Button>
        {hasPortrait ? (
          <Button variant="ghost" disabled={pending} onClick={() => send({ method: "DELETE" })}>
            {t("portrait.remove")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
