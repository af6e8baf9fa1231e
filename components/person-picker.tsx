"use client";
// Search-as-you-type person picker (ARIA combobox, keyboard only works): pick an existing person or
// create a new one by name. Use it inside a <form> (hidden inputs `${name}` / `${name}New`) or controlled
// through `onChange`.
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { quickCreatePersonAction, searchPeopleAction } from "@/app/(app)/people/actions";

/** An existing person (id set) or a new one to create with this name (id null). */
export interface PersonPick {
  id: string | null;
  displayName: string;
}

interface Option {
  kind: "person" | "create";
  id: string | null;
  label: string;
  detail?: string;
}

export interface PersonPickerProps {
  /** form field name; the picked id goes to `name`, a new person's name to `${name}New` */
  name?: string;
  label: string;
  value?: PersonPick | null;
  onChange?: (value: PersonPick | null) => void;
  /**
   * "none": only existing people; "deferred": a new name is handed back (id null) for the caller to create
   * in its own transaction; "immediate": the person is created at once with just the name.
   */
  create?: "none" | "deferred" | "immediate";
  /** ids not to offer (e.g. the person being merged) */
  excludeIds?: string[];
  required?: boolean;
  disabled?: boolean;
  error?: string;
  id?: string;
}

export function PersonPicker({
  name,
  label,
  value: controlled,
  onChange,
  create = "none",
  excludeIds = [],
  required,
  disabled,
  error,
  id,
}: PersonPickerProps) {
  const t = useTranslations("people");
  const generatedId = useId();
  const inputId = id ?? `person-picker-${generatedId}`;
  const listId = `${inputId}-list`;
  const [uncontrolled, setUncontrolled] = useState<PersonPick | null>(null);
  const value = controlled !== undefined ? controlled : uncontrolled;
  const [query, setQuery] = useState(value?.displayName ?? "");
  // the answer to the latest search, with the text it answered
  const [found, setFound] = useState<{ q: string; options: Option[] } | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState<"idle" | "loading" | "failed">("idle");
  const [pending, startTransition] = useTransition();
  const latest = useRef(0);
  const excluded = excludeIds.join(",");

  // a new value from outside (a reset form, a picked person) shows its name in the box
  const valueKey = `${value?.id ?? ""}|${value?.displayName ?? ""}`;
  const [shownKey, setShownKey] = useState(valueKey);
  if (shownKey !== valueKey) {
    setShownKey(valueKey);
    setQuery(value?.displayName ?? "");
  }

  const q = query.trim();
  const searching = open && q.length >= 2 && q !== value?.displayName;
  const createOption: Option[] = searching && create !== "none" ? [{ kind: "create", id: null, label: q }] : [];
  const options: Option[] = searching ? [...(found?.q === q ? found.options : []), ...createOption] : [];

  function commit(next: PersonPick | null) {
    if (controlled === undefined) setUncontrolled(next);
    onChange?.(next);
    setQuery(next?.displayName ?? "");
    setOpen(false);
    setActive(-1);
  }

  // debounced search; the request counter drops answers that arrive after a newer one
  useEffect(() => {
    if (!searching) return;
    const request = ++latest.current;
    const timer = setTimeout(async () => {
      setStatus("loading");
      const result = await searchPeopleAction(q);
      if (request !== latest.current) return;
      if (!result.ok) {
        setStatus("failed");
        setFound({ q, options: [] });
        return;
      }
      setStatus("idle");
      const skip = new Set(excluded ? excluded.split(",") : []);
      const people: Option[] = result.data
        .filter((person) => !skip.has(person.id))
        .map((person) => ({
          kind: "person",
          id: person.id,
          label: person.displayName,
          detail: [person.names.slice(1, 4).map((n) => n.value).join(" · "), person.birthDate ? person.birthDate.slice(0, 4) : ""]
            .filter(Boolean)
            .join(" — "),
        }));
      setFound({ q, options: people });
      setActive(people.length > 0 ? 0 : -1);
    }, 250);
    return () => clearTimeout(timer);
  }, [q, searching, excluded]);

  function choose(option: Option) {
    if (option.kind === "person") return commit({ id: option.id, displayName: option.label });
    if (create === "deferred") return commit({ id: null, displayName: option.label });
    startTransition(async () => {
      const result = await quickCreatePersonAction(option.label);
      if (result.ok) commit(result.data);
      else setStatus("failed");
    });
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, options.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === "Enter" && open && active >= 0 && options[active]) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        setOpen(false);
      } else if (value) {
        commit(null);
      }
    }
  }

  const activeId = open && active >= 0 ? `${listId}-${active}` : undefined;
  return (
    <div className="relative">
      <label htmlFor={inputId} className="block text-sm font-medium">
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={inputId}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : `${inputId}-hint`}
        required={required}
        disabled={disabled || pending}
        value={query}
        placeholder={t("picker.placeholder")}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          if (value) {
            if (controlled === undefined) setUncontrolled(null);
            onChange?.(null);
          }
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        className="mt-1 block w-full rounded border border-gray-300 px-3 py-2 focus:outline-none focus:ring-2 focus:ring-blue-600 aria-[invalid=true]:border-red-600"
      />
      {name ? (
        <>
          <input type="hidden" name={name} value={value?.id ?? ""} />
          <input type="hidden" name={`${name}New`} value={value && !value.id ? value.displayName : ""} />
        </>
      ) : null}
      <p id={`${inputId}-hint`} className="mt-1 text-xs text-gray-600">
        {value && !value.id ? t("picker.willCreate", { name: value.displayName }) : t("picker.hint")}
      </p>
      {error ? (
        <p id={`${inputId}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div aria-live="polite" className="sr-only">
        {status === "loading" ? t("picker.searching") : status === "failed" ? t("picker.failed") : open ? t("picker.results", { count: options.filter((o) => o.kind === "person").length }) : ""}
      </div>
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        hidden={!open || options.length === 0}
        className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded border border-gray-300 bg-white shadow-lg"
      >
        {options.map((option, index) => (
          <li
            key={`${option.kind}-${option.id ?? option.label}`}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            onMouseDown={(event) => {
              event.preventDefault();
              choose(option);
            }}
            onMouseEnter={() => setActive(index)}
            className={`cursor-pointer px-3 py-2 text-sm ${index === active ? "bg-blue-100" : ""}`}
          >
            {option.kind === "person" ? (
              <>
                <bdi className="font-medium">{option.label}</bdi>
                {option.detail ? <bdi className="block text-xs text-gray-600">{option.detail}</bdi> : null}
              </>
            ) : (
              <span className="font-medium text-blue-800">{t("picker.create", { name: option.label })}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
