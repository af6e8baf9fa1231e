"use client";
// Small pieces shared by the case forms: a labelled field bound to a per-field error list.
import type { ReactNode } from "react";
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
