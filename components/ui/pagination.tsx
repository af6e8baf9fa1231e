import Link from "next/link";
import { buttonClasses } from "./button";

/**
 * Previous / next links. `href(page)` builds each page's address; labels come from the caller so they
 * are translated ("common" area: previous, next, pageOf).
 */
export function Pagination({
  page,
  pageCount,
  href,
  labels,
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
  labels: { previous: string; next: string; status: string; nav: string };
}) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={labels.nav} className="flex items-center justify-between gap-2 py-3">
      {page > 1 ? (
        <Link href={href(page - 1)} className={buttonClasses("secondary")} rel="prev">
          {labels.previous}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-600">{labels.status}</span>
      {page < pageCount ? (
        <Link href={href(page + 1)} className={buttonClasses("secondary")} rel="next">
          {labels.next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
