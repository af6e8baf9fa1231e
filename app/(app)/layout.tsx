import { Link } from "@/components/ui/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { SECOND_FACTOR_PATH, getSessionAnyStage } from "@/lib/auth/context";
import { navItemsFor } from "@/lib/auth/navigation";
import { AppNav } from "./_components/app-nav";
import { LanguageSlot } from "./_components/language-slot";
import { OrganizationSwitcher } from "./_components/organization-switcher";
import { UserMenu } from "./_components/user-menu";

// Every signed-in page: the header with the navigation the role may use, then the page.
export default async function AppLayout({ children }: { children: ReactNode }) {
  // A session that must first set up two-factor sign-in gets the shell without navigation: its only page
  // is the set-up page, and every other page sends it there (requireCtx).
  const session = await getSessionAnyStage();
  if (!session) redirect("/login");
  if (session.stage === "secondFactor") redirect(SECOND_FACTOR_PATH);
  const t = await getTranslations("nav");
  const tCommon = await getTranslations("common");
  const links = (session.stage === "active" ? navItemsFor(session.ctx) : []).map((item) => ({ href: item.href, label: t(item.key) }));
  const current = session.organizations.find((organization) => organization.id === session.ctx.organizationId);

  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        {tCommon("skipToContent")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-2 px-4 py-2">
          <Link href="/" className="flex items-center gap-2 py-2 font-semibold text-slate-900">
            {tCommon("appName")}
            {current && session.organizations.length === 1 ? <span className="text-sm font-normal text-slate-600">· {current.name}</span> : null}
          </Link>
          <AppNav
            links={links}
            labels={{ main: t("main"), open: t("openMenu"), close: t("closeMenu") }}
            extra={
              <>
                {session.organizations.length > 1 ? (
                  <OrganizationSwitcher
                    organizations={session.organizations}
                    currentId={session.ctx.organizationId}
                    label={t("switchOrganization")}
                  />
                ) : null}
                <LanguageSlot />
                <UserMenu
                  name={session.user.name}
                  labels={{
                    menu: t("userMenu"),
                    account: t("changePassword"),
                    signOut: t("signOut"),
                    signedInAs: t("signedInAs", { name: session.user.email }),
                  }}
                />
              </>
            }
          />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
