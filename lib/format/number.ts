// Numbers and money in the reader's language (1 500 000 ₸ in Kazakh and Russian, KZT 1,500,000 in English).
import type { Locale } from "@/lib/i18n/config";
import { INTL_LOCALE } from "./date";
import { numberFormat } from "./intl";

export function formatNumber(value: number, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
  return numberFormat(INTL_LOCALE[locale], options).format(value);
}

/** Money, KZT by default; whole tenge are shown without decimals. */
export function formatMoney(amount: number | string, locale: Locale, currency = "KZT"): string {
  const value = typeof amount === "string" ? Number(amount) : amount;
  const whole = Number.isInteger(value);
  return numberFormat(INTL_LOCALE[locale], {
    style: "currency",
    currency,
    currencyDisplay: "narrowSymbol",
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(value);
}
