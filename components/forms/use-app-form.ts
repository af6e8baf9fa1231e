"use client";
// The one form pattern: react-hook-form holds the values, the shared zod schema checks the action's input
// before it leaves the browser, and the server action's answer (ActionResult) comes back as one message per
// field, at that field. The first field in error takes the focus; what was typed stays; submit waits.
import { useCallback, useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { useForm, type DefaultValues, type FieldValues, type UseFormReturn } from "react-hook-form";
import { useLocale, useTranslations } from "next-intl";
import { useSubmitKey } from "@/components/use-submit-key";
import { describedBy } from "@/components/ui/field";
import type { ErrorCode, FieldErrors } from "@/lib/errors";
import { isLocale } from "@/lib/i18n/config";
import { translateValidation } from "@/lib/i18n/errors";

/** What a server action answers (lib/actions.ts ActionResult), as the browser sees it. */
export type FormActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string; fieldErrors?: FieldErrors; details?: Record<string, unknown> } };

export type FormActionError = Extract<FormActionResult<unknown>, { ok: false }>["error"];

/** The part of a zod schema the form needs: the issues of a check, with their paths and message keys. */
interface CheckingSchema {
  safeParse(input: unknown): { success: true } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

export interface AppFormOptions<V extends FieldValues, I, T> {
  defaultValues: DefaultValues<V>;
  /** The form's values → the action's input (the object the shared schema describes). */
  toInput: (values: V) => I;
  /** The shared schema from lib/validations: checked in the browser first, so a plain mistake needs no round trip. */
  schema?: CheckingSchema;
  /** The form's own checks on its values (a time without its day), before the schema's. */
  check?: (values: V) => FieldErrors;
  /** The server action; `submitKey` makes a repeated create submission create nothing more. */
  action: (input: I, submitKey: string) => Promise<FormActionResult<T>>;
  /** After a save; `form` to clear a form that stays on the page (`form.reset()`). */
  onSuccess?: (data: T, values: V, form: UseFormReturn<V>) => void;
  /** A refusal the form shows its own way (a conflict view): return true when handled. */
  onFailure?: (error: FormActionError, values: V) => boolean | void;
  /** The form-level message shown above the fields; by default the server's (already translated) message. */
  formMessage?: (error: FormActionError) => string | null;
  /** A schema message key in the reader's language; the area's own keys first, then the shared ones. */
  translate?: (key: string) => string | undefined;
  /** A schema or server path → the path this form shows it at ("contact.phone" → "phone"). */
  fieldPath?: (path: string) => string;
}

export interface AppForm<V extends FieldValues, I> {
  form: UseFormReturn<V>;
  register: UseFormReturn<V>["register"];
  pending: boolean;
  formError: string | null;
  setFormError: (message: string | null) => void;
  fieldErrors: FieldErrors;
  /** The messages reported on exactly this path, each once. */
  errors: (path: string) => string[] | undefined;
  /** The messages on this path and every path under it, each once. */
  errorsWithin: (path: string) => string[] | undefined;
  /** aria-invalid and aria-describedby for the control with this id showing the errors of `path`. */
  aria: (id: string, path: string, options?: { hint?: boolean; within?: boolean }) => { "aria-invalid": boolean; "aria-describedby": string | undefined };
  /** Props for the <form>: its ref (for the focus), onSubmit, noValidate and aria-busy. */
  formProps: { ref: (node: HTMLFormElement | null) => void; onSubmit: (event: FormEvent<HTMLFormElement>) => void; noValidate: true; "aria-busy": boolean };
  /** Submits these values now (a "save mine anyway" after a conflict), bypassing the form event. */
  submitValues: (values: V, input?: I) => void;
  /** Shows these errors as if the server had sent them (a part of the form with its own check). */
  showErrors: (fieldErrors: FieldErrors, message?: string | null) => void;
}

const unique = (messages: string[]) => Array.from(new Set(messages));

export function useAppForm<V extends FieldValues, I, T>(options: AppFormOptions<V, I, T>): AppForm<V, I> {
  const form = useForm<V>({ defaultValues: options.defaultValues, shouldFocusError: false });
  const current = useLocale();
  const locale = isLocale(current) ? current : "en";
  const tErrors = useTranslations("errors");
  const submitKey = useSubmitKey();
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  // a new round of errors moves the focus, even when it reports the same fields as the last one
  const [errorRound, setErrorRound] = useState(0);
  const formRef = useRef<HTMLFormElement | null>(null);

  useEffect(() => {
    if (errorRound === 0) return;
    // the first field in error in the order the form shows them
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errorRound]);

  const mapPath = options.fieldPath ?? ((path: string) => path);
  const showErrors = (reported: FieldErrors, message?: string | null) => {
    const mapped: FieldErrors = {};
    for (const [path, messages] of Object.entries(reported)) {
      const at = mapPath(path);
      mapped[at] = unique([...(mapped[at] ?? []), ...messages]);
    }
    setFieldErrors(mapped);
    setFormError(message ?? null);
    setErrorRound((round) => round + 1);
  };

  const submitValues = (values: V, given?: I) => {
    const { toInput, schema, check, action, translate, formMessage, onSuccess, onFailure } = options;
    const input = given ?? toInput(values);
    setFieldErrors({});
    setFormError(null);
    const found: FieldErrors = {};
    const add = (path: string, key: string) => (found[path] ??= []).push(translate?.(key) ?? translateValidation(key, locale));
    for (const [path, keys] of Object.entries(check?.(values) ?? {})) for (const key of keys) add(path, key);
    const checked = schema?.safeParse(input);
    if (checked && !checked.success) for (const issue of checked.error.issues) add(issue.path.map(String).join(".") || "_form", issue.message);
    if (Object.keys(found).length > 0) {
      // the same sentence the server gives for a refused form
      const refusal = { code: "INVALID" as const, message: tErrors("invalid"), fieldErrors: found };
      showErrors(found, formMessage ? formMessage(refusal) : refusal.message);
      return;
    }
    startTransition(async () => {
      const result = await action(input, submitKey.current());
      if (result.ok) {
        submitKey.renew();
        onSuccess?.(result.data, values, form);
        return;
      }
      if (onFailure?.(result.error, values)) return;
      const message = formMessage ? formMessage(result.error) : result.error.message;
      showErrors(result.error.fieldErrors ?? {}, message);
    });
  };

  const errors = useCallback((path: string) => (fieldErrors[path]?.length ? fieldErrors[path] : undefined), [fieldErrors]);
  const errorsWithin = useCallback(
    (path: string) => {
      const all = unique(Object.entries(fieldErrors).filter(([key]) => key === path || key.startsWith(`${path}.`)).flatMap(([, m]) => m));
      return all.length ? all : undefined;
    },
    [fieldErrors],
  );

  return {
    form,
    register: form.register,
    pending,
    formError,
    setFormError,
    fieldErrors,
    errors,
    errorsWithin,
    aria: (id, path, { hint = false, within = false } = {}) => {
      const error = Boolean(within ? errorsWithin(path) : errors(path));
      return { "aria-invalid": error, "aria-describedby": describedBy(id, { hint, error }) };
    },
    formProps: {
      ref: (node) => {
        formRef.current = node;
      },
      onSubmit: (event) => {
        event.preventDefault();
        if (pending) return;
        void form.handleSubmit((values) => submitValues(values))(event);
      },
      noValidate: true,
      "aria-busy": pending,
    },
    submitValues,
    showErrors,
  };
}

/**
 * A JSON API answer as a form's action result, for forms that send files to the API's multipart
 * endpoints (server actions cap bodies at 1 MB).
 */
export async function apiFormResult(response: Response): Promise<FormActionResult<null>> {
  if (response.ok) return { ok: true, data: null };
  const body = (await response.json().catch(() => null)) as { error?: Partial<FormActionError> } | null;
  return {
    ok: false,
    error: { code: body?.error?.code ?? "INTERNAL", message: body?.error?.message ?? String(response.status), ...(body?.error?.fieldErrors ? { fieldErrors: body.error.fieldErrors } : {}) },
  };
}
