import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSessionAnyStage, pathForStage } from "@/lib/auth/context";
import { SecondFactorForm } from "../../_components/second-factor-form";
import { SignOutButton } from "../../_components/sign-out-button";

// The second sign-in step: only a session whose password was right and whose code is still owed gets here.
export default async function SecondFactorPage() {
  const session = await getSessionAnyStage();
  if (!session || session.stage !== "secondFactor") redirect(pathForStage(session) ?? "/");
  const t = await getTranslations("auth");
  return (
    <>
      <h1 className="text-xl font-semibold">{t("secondFactorTitle")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("secondFactorIntro")}</p>
      <SecondFactorForm />
      <div className="mt-6 border-t border-slate-200 pt-4">
        <SignOutButton label={t("secondFactorCancel")} className="text-sm text-slate-700 underline underline-offset-2 hover:text-slate-900" />
      </div>
    </>
  );
}
