"use client";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";

/** Sign-out through next-auth: the session row is revoked, so a copy of the cookie is worthless too. */
export function SignOutButton({ label, className }: { label: string; className?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      className={className}
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          // next-auth's own redirect would go to its idea of the site's address; the sign-in page is ours
          await signOut({ redirect: false });
          router.replace("/login");
          router.refresh();
        })
      }
    >
      {label}
    </button>
  );
}
