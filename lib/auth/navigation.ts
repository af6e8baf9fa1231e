// The app's main areas and the permission each needs: the navigation shows exactly what a role may use.
import { can, type Ctx, type Permission } from "../authz";

export const NAV_ITEMS = [
  { key: "cases", href: "/cases", permission: "cases.read" },
  { key: "people", href: "/people", permission: "people.read" },
  { key: "protests", href: "/protests", permission: "protests.read" },
  { key: "policeActions", href: "/police-actions", permission: "protests.read" },
  { key: "dashboard", href: "/dashboard", permission: "stats.read" },
  { key: "reports", href: "/reports", permission: "reports.anonymised" },
  { key: "admin", href: "/admin", permission: "users.manage" },
] as const satisfies readonly { key: string; href: string; permission: Permission }[];

export type NavItem = (typeof NAV_ITEMS)[number];

export function navItemsFor(ctx: Pick<Ctx, "role">): NavItem[] {
  return NAV_ITEMS.filter((item) => can(ctx, item.permission));
}

/** Where "/" sends a signed-in user: the first area their role may use. */
export function homePathFor(ctx: Pick<Ctx, "role">): string {
  return navItemsFor(ctx)[0]?.href ?? "/account";
}
