import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

/**
 * A table that scrolls sideways on narrow screens instead of breaking the page. With `cards`, a phone
 * shows each row as a card instead (every cell, each under its column's name: give each Td its `label`),
 * so no column is cut off; the styles are `.table-cards` in app/globals.css.
 */
export function Table({ className, caption, cards = false, children, ...props }: HTMLAttributes<HTMLTableElement> & { caption?: string; cards?: boolean }) {
  return (
    <div className={cards ? "table-cards-frame overflow-x-auto rounded-lg border border-slate-200 bg-white" : "overflow-x-auto rounded-lg border border-slate-200 bg-white"}>
      <table className={cn("data-table min-w-full divide-y divide-slate-200 text-sm", cards && "table-cards", className)} {...props}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cn("bg-slate-50 px-3 py-2 text-left font-medium text-slate-700", className)} {...props} />;
}

/**
 * `label`: the column's name, shown above the value when the row is a card (see Table's `cards`). The
 * cell's padding, alignment and colour are `.data-table td` in app/globals.css, written once for the page
 * rather than on each of a list's hundreds of cells; a cell's own classes still win.
 */
export function Td({ className, label, ...props }: TdHTMLAttributes<HTMLTableCellElement> & { label?: string }) {
  return <td data-label={label} className={className} {...props} />;
}
