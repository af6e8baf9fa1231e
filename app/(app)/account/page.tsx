import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireSession } from "@/lib/auth/context";
import { recentlyReauthenticated } from "@/lib/auth/sessions";
import { ChangePasswordForm } from "./_components/change-password-form";
import { ReauthForm } from "./_components/reauth-form";

export default async function AccountPage() {
  const session = await requireSession();
  const t = await getTranslations("auth");
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
    </div>
  );
}
