import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { emailedLinksAvailable } from "@/lib/auth/mail";
import { ForgotPasswordForm } from "../../_components/forgot-password-form";

// "Forgot password": asks for the e-mail address and sends a new-password link to it.
export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth");
  const available = emailedLinksAvailable();
  return (
    <>
      <h1 className="text-xl font-semibold">{t("forgotTitle")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{available ? t("forgotIntro") : t("forgotUnavailable")}</p>
      {available ? <ForgotPasswordForm /> : null}
      <p className="mt-6 text-sm">
        <Link href="/login" className="text-sky-800 underline">
          {t("toSignIn")}
        </Link>
      </p>
    </>
  );
}
