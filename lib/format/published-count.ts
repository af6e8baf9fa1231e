// A published count (lib/stats/small-cell.ts) in the reader's words: a number, "fewer than N" or "hidden".
import type { Locale } from "@/lib/i18n/config";
import { formatPublishedCount, type PublishedCount } from "@/lib/stats/small-cell";
import { formatNumber } from "./number";

type SmallCellT = (key: "smallCell.fewerThan" | "smallCell.hidden", values?: { n: number }) => string;

/** `tCommon` is the "common" translator; the result formats any count of one output with its threshold. */
export function publishedCountFormatter(tCommon: SmallCellT, locale: Locale, threshold: number) {
  const words = {
    fewerThan: (n: number) => tCommon("smallCell.fewerThan", { n }),
    hidden: tCommon("smallCell.hidden"),
    number: (value: number) => formatNumber(value, locale),
  };
  return (count: PublishedCount): string => formatPublishedCount(count, words, threshold);
}
