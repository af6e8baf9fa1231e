"use client";
// A list filter's date (from / to): typed as people say it, in their language, with what was understood
// shown under it (TypedDateInput). The address gets the canonical form ("2018-03", "2018-03-12"), so a
// link reads the same in every language; without JavaScript the typed text goes instead, and the server
// reads it with the same reader (filterBound in lib/validations/dates).
import { useLocale } from "next-intl";
import { useEffect, useRef } from "react";
import { TypedDateInput } from "@/components/typed-date-input";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { parseTypedDate } from "@/lib/validations/typed-date";

export function DateFilterInput({ id, name, defaultValue }: { id: string; name: string; defaultValue?: string | null }) {
  const current = useLocale();
  const locale: Locale = isLocale(current) ? current : "en";
  const input = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    const form = input.current?.form;
    if (!form) return;
    // "formdata" fires as the GET form is turned into its address: the typed text is swapped for its canonical form
    const onFormData = (event: FormDataEvent) => {
      const typed = parseTypedDate(input.current?.value ?? "", locale);
      if (typed.ok) event.formData.set(name, typed.text);
    };
    form.addEventListener("formdata", onFormData);
    return () => form.removeEventListener("formdata", onFormData);
  }, [locale, name]);
  return <TypedDateInput ref={input} id={id} name={name} defaultValue={defaultValue ?? ""} />;
}
