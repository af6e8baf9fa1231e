"use client";
// The one date field of the app: people type a date the way they say it ("наурыз 2018", "12.03.2018",
// "2018") and read back, in their language, what the app understood. The typed text itself is submitted:
// the server reads it with the same reader (lib/validations/typed-date), so nothing depends on JavaScript.
import { useLocale, useTranslations } from "next-intl";
import { forwardRef, useCallback, useEffect, useRef, useState, type InputHTMLAttributes } from "react";
import { Input } from "@/components/ui/input";
import { formatUncertainDate } from "@/lib/format/date";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { parseTypedDate } from "@/lib/validations/typed-date";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "defaultValue" | "value"> & {
  id: string;
  /** "day" for a field that needs the day (a consent, a due date); "any" takes a year or a month too. */
  needs?: "any" | "day";
  /** The stored value as "2018", "2018-03" or "2018-03-12" (or a Date with its precision), shown in the reader's language. */
  defaultValue?: string | null;
  /** For a form that keeps its values in state and may fill the field itself: the text shown. */
  value?: string;
  /** For a form that keeps its values in state: the text as typed. */
  onTextChange?: (text: string) => void;
  /** The form shows a server message for this field: the reader's own message is then not repeated. */
  hasError?: boolean;
};

/** The text to show for a stored date: "12 наурыз 2018 ж.", "март 2018 г.", "2017"; "" for none. */
export function typedDateText(stored: string | null | undefined, locale: Locale): string {
  const typed = parseTypedDate(stored ?? "", locale);
  if (!typed.ok || !typed.value.date) return stored ?? "";
  return formatUncertainDate(typed.value.date, typed.value.precision, locale);
}

export const TypedDateInput = forwardRef<HTMLInputElement, Props>(function TypedDateInput(
  { id, needs = "any", defaultValue, value, onTextChange, hasError, placeholder, ...rest },
  ref,
) {
  const current = useLocale();
  const locale: Locale = isLocale(current) ? current : "en";
  const t = useTranslations("common.dateInput");
  const tv = useTranslations("validation");
  const initial = typedDateText(defaultValue, locale);
  const [typedText, setText] = useState(initial);
  const text = value ?? typedText;
  const [touched, setTouched] = useState(false);
  // Uncontrolled, so a form's reset() and react-hook-form's register() work as with any input; the
  // hint follows a reset of the form too.
  const own = useRef<HTMLInputElement | null>(null);
  const setRefs = useCallback(
    (node: HTMLInputElement | null) => {
      own.current = node;
      if (typeof ref === "function") ref(node);
      else if (ref) ref.current = node;
    },
    [ref],
  );
  useEffect(() => {
    // a form library may have filled the field through the ref
    if (own.current && own.current.value !== initial) setText(own.current.value);
    const form = own.current?.form;
    if (!form) return;
    const onReset = () => {
      setTouched(false);
      // the browser restores the default value after the event
      setTimeout(() => setText(own.current?.value ?? ""), 0);
    };
    form.addEventListener("reset", onReset);
    return () => form.removeEventListener("reset", onReset);
    // once, on mount: later changes come through onChange
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const typed = parseTypedDate(text, locale);
  let understood: string | null = null;
  let problem: string | null = null;
  if (text.trim() !== "") {
    if (!typed.ok) problem = tv(typed.error);
    else if (!typed.value.date) understood = t("unknown");
    else if (needs === "day" && typed.value.precision !== "DAY") problem = tv("dateNeedsDay");
    else understood = t("understood", { date: formatUncertainDate(typed.value.date, typed.value.precision, locale) });
  }
  // A problem is shown once the person has left the field, and never beside the form's own message for it.
  const shownProblem = touched && !hasError ? problem : null;
  const describedBy = [rest["aria-describedby"], understood || shownProblem ? `${id}-understood` : null].filter(Boolean).join(" ") || undefined;

  return (
    <>
      <Input
        ref={setRefs}
        {...rest}
        id={id}
        type="text"
        autoComplete="off"
        {...(value === undefined ? { defaultValue: initial } : { value })}
        placeholder={placeholder ?? t(needs === "day" ? "placeholderDay" : "placeholderAny")}
        aria-describedby={describedBy}
        onChange={(event) => {
          setText(event.target.value);
          onTextChange?.(event.target.value);
          rest.onChange?.(event);
        }}
        onBlur={(event) => {
          setTouched(true);
          rest.onBlur?.(event);
        }}
      />
      <p id={`${id}-understood`} aria-live="polite" className={shownProblem ? "text-xs text-red-700" : "text-xs text-slate-600"}>
        {understood ?? shownProblem ?? ""}
      </p>
    </>
  );
});
