"use client";
import { Link } from "@/components/ui/link";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { RecoveryCodes } from "./recovery-codes";
import { TwoFactorManage } from "./two-factor-manage";
import { TwoFactorSetup } from "./two-factor-setup";

/**
 * Set-up or management, by state. It keeps freshly made recovery codes itself, so they stay on screen
 * while the page refreshes around them (the header gains its navigation once set-up is done).
 */
export function TwoFactorPanel({ enabled, canTurnOff }: { enabled: boolean; canTurnOff: boolean }) {
  const t = useTranslations("auth");
  const [codes, setCodes] = useState<string[] | null>(null);
  const [justEnabled, setJustEnabled] = useState(false);

  return (
    <div className="space-y-4">
      {justEnabled ? <Alert tone="success">{t("twoFactorEnabled")}</Alert> : null}
      {codes ? <RecoveryCodes codes={codes} /> : null}
      {justEnabled ? (
        <Link href="/" className={buttonClasses("primary")}>
          {t("twoFactorContinue")}
        </Link>
      ) : enabled ? (
        <TwoFactorManage canTurnOff={canTurnOff} onNewCodes={setCodes} />
      ) : (
        <TwoFactorSetup
          onEnabled={(recoveryCodes) => {
            setCodes(recoveryCodes);
            setJustEnabled(true);
          }}
        />
      )}
    </div>
  );
}
