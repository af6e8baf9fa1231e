"use client";
// Search-as-you-type person picker (ARIA combobox, keyboard only works): pick an existing person or
// create a new one by name. Use it inside a <form> (hidden inputs `${name}` / `${name}New`) or controlled
// through `onChange`.
//
// Keyboard: when the search answers, the best existing match is highlighted and Enter picks it. The first
// ArrowDown lands on that same match (so "type, ArrowDown, Enter" picks it too), further presses move on;
// "record a new person" is the last option, one ArrowUp away, and is never highlighted by itself. Until
// the search for the text in the box has answered, no option is offered at all, so keys pressed early
// can never create a duplicate of someone already on record; nor is creating offered when the search failed.
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
  /** the search was this person's identity number: shown first and marked */
  documentMatch?: boolean;
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
  const [found, setFound] = useState<{ q: string; ok: boolean; options: Option[] } | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [pending, startTransition] = useTransition();
  const [createFailed, setCreateFailed] = useState(false);
  const latest = useRef(0);

  // a new value from outside (a reset form, a picked person) shows its name in the box
  const valueKey = `${value?.id ?? ""}|${value?.displayName ?? ""}`;
  const [shownKey, setShownKey] = useState(valueKey);
  if (shownKey !== valueKey) {
    setShownKey(valueKey);
    setQuery(value?.displayName ?? "");
  }

  const q = query.trim();
  const searching = open && q.length >= 2 && q !== value?.displayName;
  // options belong to an answer for exactly this text; while it is on its way there are none to pick
  const answered = searching && found?.q === q;
  const skip = new Set(excludeIds);
  const people = answered ? found.options.filter((option) => !option.id || !skip.has(option.id)) : [];
  const createOption: Option[] = answered && found.ok && create !== "none" ? [{ kind: "create", id: null, label: q }] : [];
  const options: Option[] = [...people, ...createOption];

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
      const result = await searchPeopleAction(q).catch(() => null);
      if (request !== latest.current) return;
      const matches: Option[] =
        result && result.ok
          ? result.data.map((person) => ({
              kind: "person",
              id: person.id,
              label: person.displayName,
              detail: [person.names.slice(1, 4).map((n) => n.value).join(" · "), person.birthDate ? person.birthDate.slice(0, 4) : ""]
                .filter(Boolean)
                .join(" — "),
              documentMatch: person.documentMatch ?? false,
            }))
          : [];
      setFound({ q, ok: Boolean(result?.ok), options: matches });
      // nothing moved yet: the best match shows as highlighted (see `current`); "create" only on purpose
      setActive(-1);
    }, 250);
    return () => clearTimeout(timer);
  }, [q, searching]);

  // `active` is where the arrow keys put the highlight (-1: not moved); until then, and if that option is
  // no longer offered, the best existing match is the highlighted one
  const moved = active >= 0 && active < options.length;
  const current = moved ? active : people.length > 0 ? 0 : -1;

  function choose(option: Option) {
    if (option.kind === "person") return commit({ id: option.id, displayName: option.label });
    if (create === "deferred") return commit({ id: null, displayName: option.label });
    setCreateFailed(false);
    startTransition(async () => {
      const result = await quickCreatePersonAction(option.label).catch(() => null);
      if (result?.ok) commit(result.data);
      else setCreateFailed(true);
    });
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      if (options.length === 0) return;
      // the first ArrowDown lands on the first option; ArrowUp from there wraps to "record a new person"
      const step = event.key === "ArrowDown" ? 1 : -1;
      const from = moved ? active : step === 1 ? -1 : current > 0 ? current : options.length;
      setActive((from + step + options.length) % options.length);
    } else if (event.key === "Enter") {
      if (open && current >= 0 && options[current]) {
        event.preventDefault();
        choose(options[current]);
      } else if (searching) {
        // typed but nothing picked (yet): Enter must neither submit the form nor guess
        event.preventDefault();
      }
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        setOpen(false);
      } else if (value) {
        commit(null);
      }
    }
  }

  const matchCount = people.length;
  const announcement = createFailed || (answered && !found.ok)
      ? t("picker.failed")
      : searching && !answered
        ? t("picker.searching")
        : answered
          ? t("picker.results", { count: matchCount })
          : "";
  const activeId = open && current >= 0 ? `${listId}-${current}` : undefined;
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
        aria-describedby={error ? `${inputId}-error ${inputId}-hint` : `${inputId}-hint`}
        aria-busy={searching && !answered ? true : undefined}
        required={required}
        disabled={disabled || pending}
        value={query}
        placeholder={t("picker.placeholder")}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          setActive(-1);
          setCreateFailed(false);
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
      <div role="status" aria-live="polite" className="sr-only" data-testid="person-picker-status">
        {announcement}
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
            aria-selected={index === current}
            onMouseDown={(event) => {
              event.preventDefault();
              choose(option);
            }}
            onMouseEnter={() => setActive(index)}
            className={`cursor-pointer px-3 py-2 text-sm ${index === current ? "bg-blue-100" : ""}`}
          >
            {option.kind === "person" ? (
              <>
                <bdi className="font-medium">{option.label}</bdi>
                {option.documentMatch ? (
                  <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-900">{t("duplicates.reasons.sameDocument")}</span>
                ) : null}
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
