import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { oidcSettings } from "@/lib/auth/auth-options";
import { requireSession } from "@/lib/auth/context";
import { recentlyReauthenticated } from "@/lib/auth/sessions";
import { hasLinkedProviderAccount } from "@/lib/auth/single-sign-on";
import { ChangePasswordForm } from "./_components/change-password-form";
import { LinkProviderButton } from "./_components/link-provider-button";
import { ReauthForm } from "./_components/reauth-form";

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ sso?: string | string[] }> }) {
  const session = await requireSession();
  const t = await getTranslations("auth");
  const sso = oidcSettings();
  const linked = sso ? await hasLinkedProviderAccount(session.user.id, sso.issuer) : false;
  const { sso: outcome } = await searchParams;
  const tRoles = await getTranslations("common.roles");
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{t("accountTitle")}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {session.user.name} · {session.user.email} · {tRoles(session.ctx.role)}
        </p>
      </div>
      <section aria-labelledby="change-password">
        <h2 id="change-password" className="mb-3 text-lg font-semibold">
          {t("changePasswordTitle")}
        </h2>
        {recentlyReauthenticated(session) ? <ChangePasswordForm /> : <ReauthForm withCode={session.user.twoFactorEnabled} />}
      </section>
      <section aria-labelledby="security">
        <h2 id="security" className="mb-2 text-lg font-semibold">
          {t("securityTitle")}
        </h2>
        <p className="mb-2 text-sm text-slate-600">{session.user.twoFactorEnabled ? t("twoFactorIsOn") : t("twoFactorIsOff")}</p>
        <Link href="/account/two-factor" className="text-sm text-sky-800 underline underline-offset-2">
          {t("securityLink")}
        </Link>
      </section>
      {sso ? (
        <section aria-labelledby="single-sign-on" className="space-y-2">
          <h2 id="single-sign-on" className="text-lg font-semibold">
            {t("ssoTitle")}
          </h2>
          {outcome === "linked" ? <Alert tone="success">{t("ssoLinkDone", { name: sso.name })}</Alert> : null}
          {outcome === "ssoAlreadyLinked" ? <Alert tone="error">{t("errors.ssoAlreadyLinked")}</Alert> : null}
          <p className="text-sm text-slate-600">{linked ? t("ssoLinked", { name: sso.name }) : t("ssoNotLinked", { name: sso.name })}</p>
          {linked ? null : recentlyReauthenticated(session) ? (
            <LinkProviderButton label={t("ssoLinkButton", { name: sso.name })} />
          ) : (
            <p className="text-sm text-slate-600">{t("ssoLinkNeedsReauth")}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
