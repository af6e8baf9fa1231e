import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";

/** The recovery codes, shown once right after they are made. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useTranslations("auth");
  return (
    <Alert tone="warning" title={t("recoveryCodesTitle")}>
      <p>{t("recoveryCodesIntro")}</p>
      <ol className="mt-2 grid grid-cols-1 gap-1 font-mono text-sm sm:grid-cols-2" aria-label={t("recoveryCodesTitle")}>
        {codes.map((code) => (
          <li key={code} data-testid="recovery-code">
            {code}
          </li>
        ))}
      </ol>
    </Alert>
  );
}
