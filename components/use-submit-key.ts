"use client";
// One idempotency key per submission of a create form: a double click or a retry after a lost answer
// sends the same key, so the server creates the record once (lib/api/idempotency.ts). A new key
// after each success, for forms that stay on the page.
import { useCallback, useRef } from "react";

function newKey(): string {
  // getRandomValues, unlike randomUUID, also works on a plain-HTTP address
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function useSubmitKey(): { current: () => string; renew: () => void } {
  const key = useRef<string | null>(null);
  const current = useCallback(() => (key.current ??= newKey()), []);
  const renew = useCallback(() => {
    key.current = newKey();
  }, []);
  return { current, renew };
}
