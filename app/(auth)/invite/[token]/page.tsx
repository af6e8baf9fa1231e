import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { getInvite, type InviteView } from "@/lib/auth/invites";
import { InviteForm } from "../../_components/invite-form";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("auth");
  const tRoles = await getTranslations("common.roles");
  let invite: InviteView | null = null;
  try {
    invite = token.length >= 20 && token.length <= 100 ? await getInvite(token) : null;
  } catch {
    invite = null;
  }
  if (!invite || invite.status !== "valid") {
    return (
      <>
        <Alert tone="error">{invite?.status === "expired" ? t("errors.inviteExpired") : invite ? t("errors.inviteUsed") : t("errors.inviteInvalid")}</Alert>
        <p className="mt-4 text-sm text-slate-700">{t("inviteNotUsable")}</p>
        <Link href="/login" className={buttonClasses("secondary", "mt-4")}>
          {t("toSignIn")}
        </Link>
      </>
    );
  }
  const reset = invite.kind === "PASSWORD_RESET";
  return (
    <>
      <h1 className="text-xl font-semibold">{reset ? t("resetTitle") : t("inviteTitle", { organization: invite.organizationName })}</h1>
      {!reset ? <p className="mt-1 text-sm text-slate-600">{t("inviteIntro", { role: tRoles(invite.role), email: invite.email })}</p> : null}
      <div className="mt-6">
        <InviteForm token={token} hasAccount={invite.hasAccount} reset={reset} />
      </div>
    </>
  );
}
