"use client";
import { Link } from "@/components/ui/link";
import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export interface AppNavLink {
  href: string;
  label: string;
}

/**
 * The main navigation: a row of links on wide screens, a menu button that opens the same links on
 * phones. `extra` (group switcher, language, account) sits at the end on both.
 */
export function AppNav({ links, labels, extra }: { links: AppNavLink[]; labels: { main: string; open: string; close: string }; extra: ReactNode }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const linkClass = (href: string) =>
    cn(
      "block rounded-md px-3 py-2 text-sm font-medium",
      pathname === href || pathname.startsWith(`${href}/`) ? "bg-sky-100 text-sky-900" : "text-slate-700 hover:bg-slate-100",
    );
  const isCurrent = (href: string) => (pathname === href || pathname.startsWith(`${href}/`) ? ("page" as const) : undefined);
  return (
    <>
      <button
        type="button"
        className="rounded-md border border-slate-300 px-3 py-2 text-sm md:hidden"
        aria-expanded={open}
        aria-controls="main-nav"
        onClick={() => setOpen((value) => !value)}
      >
        {open ? labels.close : labels.open}
      </button>
      <nav
        id="main-nav"
        aria-label={labels.main}
        className={cn(
          "w-full md:flex md:w-auto md:flex-1 md:items-center md:justify-between md:gap-4",
          open ? "block" : "hidden",
        )}
      >
        <ul className="flex flex-col gap-1 py-2 md:flex-row md:py-0">
          {links.map((link) => (
            <li key={link.href}>
              <Link href={link.href} className={linkClass(link.href)} aria-current={isCurrent(link.href)} onClick={() => setOpen(false)}>
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
        <div className="flex flex-col gap-2 border-t border-slate-200 py-2 md:flex-row md:items-center md:border-0 md:py-0">{extra}</div>
      </nav>
    </>
  );
}
