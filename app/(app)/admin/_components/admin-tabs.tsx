import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";

export async function AdminTabs({ current }: { current: "members" | "tokens" | "api" | "settings" | "audit" | "archive" }) {
  const t = await getTranslations("admin");
  const tabs = [
    { key: "members", href: "/admin", label: t("membersTitle") },
    { key: "tokens", href: "/admin/tokens", label: t("tokensTitle") },
    { key: "api", href: "/admin/api", label: t("api.title") },
    { key: "settings", href: "/admin/settings", label: t("settingsTitle") },
    { key: "audit", href: "/admin/audit", label: t("auditTitle") },
    { key: "archive", href: "/admin/archive", label: t("archive.title") },
  ] as const;
  return (
    <nav aria-label={t("title")} className="mb-6 flex gap-2 overflow-x-auto border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={cn("-mb-px border-b-2 px-3 py-2 text-sm font-medium", tab.key === current ? "border-sky-700 text-sky-900" : "border-transparent text-slate-600 hover:text-slate-900")}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
