"use client";
// Small pieces shared by the case forms: a labelled field bound to a per-field error list (the errors
// themselves come from the one form pattern, components/forms/use-app-form).
import type { ReactNode } from "react";
import { Field, describedBy } from "@/components/ui/field";

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
