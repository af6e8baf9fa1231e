import { getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/context";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "./_components/change-password-form";

export default async function AccountPage() {
  const session = await getSession();
  if (!session) redirect("/login");
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
        <ChangePasswordForm />
      </section>
    </div>
  );
}
