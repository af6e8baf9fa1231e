import { Link } from "@/components/ui/link";
import { SignOutButton } from "../../(auth)/_components/sign-out-button";

/** The signed-in person: account page (password change) and sign-out. The menu is a <details>; signing out goes through next-auth. */
export function UserMenu({ name, labels }: { name: string; labels: { menu: string; account: string; signOut: string; signedInAs: string } }) {
  return (
    <details className="relative">
      <summary className="flex min-h-10 cursor-pointer list-none items-center rounded-md px-3 py-2 text-sm text-slate-800 hover:bg-slate-100">
        {/* the visible name starts the accessible name (WCAG 2.5.3 label in name); what it opens follows */}
        <span className="max-w-40 truncate">{name}</span>
        <span className="sr-only"> · {labels.menu}</span>
        <span aria-hidden="true" className="ml-1">▾</span>
      </summary>
      <div className="right-0 z-10 mt-1 w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg md:absolute">
        <p className="px-3 py-2 text-xs text-slate-600">{labels.signedInAs}</p>
        <Link href="/account" className="block rounded px-3 py-2 text-sm hover:bg-slate-100">
          {labels.account}
        </Link>
        <SignOutButton label={labels.signOut} className="block w-full rounded px-3 py-2 text-left text-sm hover:bg-slate-100" />
      </div>
    </details>
  );
}
