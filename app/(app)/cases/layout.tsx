import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

// The messages the case list's client components use (lib/i18n/client-areas.ts), not the whole catalogue;
// one case's pages and opening a case add theirs in their own layouts.
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages section="(app)/cases">{children}</ClientMessages>;
}
