"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { newRecoveryCodesAction, turnOffTwoFactorAction } from "../actions";

/** Two-factor sign-in is on: new recovery codes (they go up to be shown), or turn it off (not offered when a group requires it). */
export function TwoFactorManage({ canTurnOff, onNewCodes }: { canTurnOff: boolean; onNewCodes: (recoveryCodes: string[]) => void }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const onFailure = (result: { error: { message: string; details?: Record<string, unknown> } }) => {
    if (result.error.details?.reauthRequired) router.refresh();
    setError(result.error.message);
  };

  return (
    <div className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => {
            setError(null);
            startTransition(async () => {
              const result = await newRecoveryCodesAction();
              if (result.ok) {
                onNewCodes(result.data.recoveryCodes);
                router.refresh();
              } else onFailure(result);
            });
          }}
        >
          {t("recoveryCodesRegenerate")}
        </Button>
        {canTurnOff ? (
          <Button
            variant="danger"
            disabled={pending}
            onClick={() => {
              if (!window.confirm(t("twoFactorTurnOffConfirm"))) return;
              setError(null);
              startTransition(async () => {
                const result = await turnOffTwoFactorAction();
                if (result.ok) router.refresh();
                else onFailure(result);
              });
            }}
          >
            {t("twoFactorTurnOff")}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
