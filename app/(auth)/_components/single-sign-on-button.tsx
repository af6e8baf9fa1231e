"use client";
import { signIn } from "next-auth/react";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";

/** Sign-in through the group's identity provider; shown only when single sign-on is configured. */
export function SingleSignOnButton({ label }: { label: string }) {
  const [pending, startTransition] = useTransition();
  return (
    <Button type="button" variant="secondary" className="w-full" disabled={pending} onClick={() =>
        startTransition(async () => {
          await signIn("oidc", { callbackUrl: "/" });
        })
      }>
      {label}
    </Button>
  );
}
