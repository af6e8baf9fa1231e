"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { signOutEverywhereAction } from "../actions";

/** Two buttons, saying plainly which sessions each one ends. */
export function SignOutEverywhere() {
  const t = useTranslations("auth");
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  const run = (scope: "all" | "others") => {
    setMessage(null);
    startTransition(async () => {
      const result = await signOutEverywhereAction({ scope });
      if (result.ok) setMessage({ tone: "success", text: t("sessionsOthersEnded", { count: result.data.count }) });
      else setMessage({ tone: "error", text: result.error.message });
    });
  };

  return (
    <div className="space-y-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={pending} onClick={() => run("others")}>
          {t("sessionsEndOthers")}
        </Button>
        <Button variant="danger" disabled={pending} onClick={() => run("all")}>
          {t("sessionsEndAll")}
        </Button>
      </div>
      <p className="text-xs text-slate-600">{t("sessionsEndHint")}</p>
    </div>
  );
}
