import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

// Pages for people who are not signed in: one narrow card in the middle of the screen.
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <ClientMessages section="(auth)">{children}</ClientMessages>
      </div>
    </main>
  );
}
