"use client";
import { signIn } from "next-auth/react";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { beginSingleSignOnLinkAction } from "../actions";

/** Links the member's account at the group's identity provider: the provider is asked who they are there. */
export function LinkProviderButton({ label }: { label: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await beginSingleSignOnLinkAction();
            if (!result.ok) {
              setError(result.error.message);
              return;
            }
            await signIn("oidc", { callbackUrl: "/account" });
          })
        }
      >
        {label}
      </Button>
    </div>
  );
}
