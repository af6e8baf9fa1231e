import { getTranslations } from "next-intl/server";
import { requireCtx } from "@/lib/auth/context";
import { getOrganizationSettings } from "@/lib/organizations/settings";
import { AdminTabs } from "../_components/admin-tabs";
import { SettingsForm } from "../_components/settings-form";

export default async function AdminSettingsPage() {
  const ctx = await requireCtx("org.manage");
  const settings = await getOrganizationSettings(ctx);
  const t = await getTranslations("admin");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t("title")}</h1>
      <AdminTabs current="settings" />
      <section className="max-w-xl rounded-lg border border-slate-200 bg-white p-4" aria-label={t("settingsTitle")}>
        <SettingsForm settings={settings} />
      </section>
    </>
  );
}
