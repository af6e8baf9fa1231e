"use client";
// Small pieces shared by the case forms: a labelled field bound to a per-field error list.
import { useEffect, useRef, type ReactNode } from "react";
import { Field, describedBy } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/errors";

/** Errors for one field path, also accepting errors reported on its sub-paths. */
export function errorsFor(fieldErrors: FieldErrors, path: string): string[] | undefined {
  const own = fieldErrors[path] ?? [];
  const nested = Object.entries(fieldErrors)
    .filter(([key]) => key.startsWith(`${path}.`))
    .flatMap(([, messages]) => messages);
  const all = [...own, ...nested];
  return all.length ? all : undefined;
}

/** Errors reported on exactly this path, none of its sub-paths: each message shows once, at its own field. */
export function ownErrors(fieldErrors: FieldErrors, path: string): string[] | undefined {
  return fieldErrors[path]?.length ? fieldErrors[path] : undefined;
}

/**
 * A ref for a form: once the server's field errors arrive, the first field marked invalid gets the focus,
 * so a keyboard or screen-reader user lands on what to fix.
 */
export function useFocusFirstError<T extends HTMLElement = HTMLFormElement>(fieldErrors: FieldErrors | Record<string, unknown>) {
  const ref = useRef<T | null>(null);
  useEffect(() => {
    if (Object.keys(fieldErrors).length === 0) return;
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [fieldErrors]);
  return ref;
}

export function CaseField({
  id,
  label,
  hint,
  error,
  required,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string[];
  required?: boolean;
  children: (aria: { id: string; "aria-invalid": boolean; "aria-describedby": string | undefined }) => ReactNode;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required}>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy(id, { hint: Boolean(hint), error: Boolean(error) }) })}
    </Field>
  );
}
