import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

// The messages this section's client components use (lib/i18n/client-areas.ts): the filter's date fields.
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages section="(app)/dashboard">{children}</ClientMessages>;
}
