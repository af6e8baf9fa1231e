import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

// The messages the client components of these pages use (lib/i18n/client-areas.ts); the case list above
// gives only its own.
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages section="(app)/cases/[caseId]">{children}</ClientMessages>;
}
