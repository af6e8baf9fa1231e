import { LocaleSwitcher } from "@/components/locale-switcher";

// The language switcher's place in the header (the switcher belongs to the translations area).
export function LanguageSlot() {
  return <LocaleSwitcher />;
}
