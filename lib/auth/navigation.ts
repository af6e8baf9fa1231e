// The app's main areas and the permission each needs: the navigation shows exactly what a role may use.
import { can, type Ctx, type Permission } from "../authz";

interface NavSpec {
  key: string;
  href: string;
  permission: Permission;
  /** shown only to roles without this permission (an item that stands in for a fuller one) */
  unless?: Permission;
}

export const NAV_ITEMS = [
  // coordinators and admins start on the dashboard, volunteers on their own work (the same page)
  { key: "dashboard", href: "/dashboard", permission: "stats.read" },
  { key: "myWork", href: "/dashboard", permission: "cases.read", unless: "stats.read" },
  { key: "cases", href: "/cases", permission: "cases.read" },
  { key: "people", href: "/people", permission: "people.read" },
  { key: "protests", href: "/protests", permission: "protests.read" },
  { key: "policeActions", href: "/police-actions", permission: "protests.read" },
  // analysts reach the protest statistics only from here (others through the protest list)
  { key: "protestStats", href: "/protests/stats", permission: "stats.read", unless: "protests.read" },
  { key: "reports", href: "/reports", permission: "reports.anonymised" },
  { key: "import", href: "/import", permission: "imports.run" },
  { key: "admin", href: "/admin", permission: "users.manage" },
] as const satisfies readonly NavSpec[];

export type NavItem = (typeof NAV_ITEMS)[number];

export function navItemsFor(ctx: Pick<Ctx, "role">): NavItem[] {
  return NAV_ITEMS.filter((item: NavSpec) => can(ctx, item.permission) && !(item.unless && can(ctx, item.unless)));
}

/** Where "/" sends a signed-in user: the first area their role may use. */
export function homePathFor(ctx: Pick<Ctx, "role">): string {
  return navItemsFor(ctx)[0]?.href ?? "/account";
}
