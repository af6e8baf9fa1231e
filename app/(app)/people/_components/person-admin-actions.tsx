"use client";
// Delete and restore buttons for coordinators, with a confirmation before deleting.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { deletePersonAction, restorePersonAction } from "../actions";

export function PersonAdminActions({ personId, deleted }: { personId: string; deleted: boolean }) {
  const t = useTranslations("people");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<{ ok: boolean; error?: { message: string } }>) =>
    startTransition(async () => {
      const result = await action();
      if (result.ok) router.refresh();
      else setError(result.error?.message ?? null);
    });
  return (
    <div className="space-y-2">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {deleted ? (
        <Button variant="secondary" disabled={pending} onClick={() => run(() => restorePersonAction(personId))}>
          {t("restore")}
        </Button>
      ) : (
        <Button
          variant="danger"
          disabled={pending}
          onClick={() => {
            if (window.confirm(t("deleteConfirm"))) run(() => deletePersonAction(personId));
          }}
        >
          {t("delete")}
        </Button>
      )}
    </div>
  );
}
