"use client";
// A button that runs one bound server action (optionally after a confirmation) and shows its error.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions";

export function CaseActionButton({
  action,
  label,
  confirm,
  variant = "secondary",
  redirectTo,
}: {
  action: () => Promise<ActionResult<unknown>>;
  label: string;
  confirm?: string;
  variant?: ButtonVariant;
  redirectTo?: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col gap-1">
      <Button
        variant={variant}
        disabled={pending}
        onClick={() => {
          if (confirm && !window.confirm(confirm)) return;
          setError(null);
          startTransition(async () => {
            const result = await action();
            if (!result.ok) setError(result.error.message);
            else if (redirectTo) router.push(redirectTo);
            else router.refresh();
          });
        }}
      >
        {label}
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
