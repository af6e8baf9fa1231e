import { Link } from "@/components/ui/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { oidcSettings } from "@/lib/auth/auth-options";
import { getSessionAnyStage, pathForStage } from "@/lib/auth/context";
import { SignInForm } from "../_components/sign-in-form";
import { SingleSignOnButton } from "../_components/single-sign-on-button";

// Refusals of single sign-on come back here as ?error=<key>; next-auth's own error codes read as one message.
const SSO_ERRORS = new Set(["ssoEmailUnverified", "ssoNotMember", "ssoAccountDisabled"]);

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const session = await getSessionAnyStage();
  if (session) redirect(pathForStage(session) ?? "/");
  const t = await getTranslations("auth");
  const sso = oidcSettings();
  const { error } = await searchParams;
  const errorKey = typeof error === "string" ? (SSO_ERRORS.has(error) ? error : "ssoFailed") : null;
  return (
    <>
      <h1 className="text-xl font-semibold">{t("signInTitle")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("signInIntro")}</p>
      {errorKey ? (
        <div className="mb-4">
          <Alert tone="error">{t(`errors.${errorKey}` as "errors.ssoFailed")}</Alert>
        </div>
      ) : null}
      <SignInForm />
      <p className="mt-4 text-sm">
        <Link href="/login/forgot" className="text-sky-800 underline">
          {t("forgotLink")}
        </Link>
      </p>
      {sso ? (
        <div className="mt-6 space-y-3">
          <p className="text-center text-sm text-slate-600">{t("orDivider")}</p>
          <SingleSignOnButton label={t("signInWith", { name: sso.name })} />
        </div>
      ) : null}
    </>
  );
}
