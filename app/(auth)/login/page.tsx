import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSessionAnyStage, pathForStage } from "@/lib/auth/context";
import { SignInForm } from "../_components/sign-in-form";

export default async function LoginPage() {
  const session = await getSessionAnyStage();
  if (session) redirect(pathForStage(session) ?? "/");
  const t = await getTranslations("auth");
  return (
    <>
      <h1 className="text-xl font-semibold">{t("signInTitle")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("signInIntro")}</p>
      <SignInForm />
      <p className="mt-4 text-sm">
        <Link href="/login/forgot" className="text-sky-800 underline">
          {t("forgotLink")}
        </Link>
      </p>
    </>
  );
}
