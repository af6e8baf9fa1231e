import { Link } from "@/components/ui/link";
import { Button, buttonClasses } from "./button";

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

/**
 * Previous / next buttons for a list paged inside a page (no address per page): `onPage` fetches the
 * page. The status ("Page 2 of 3") is announced when it changes.
 */
export function PaginationButtons({
  page,
  pageCount,
  onPage,
  disabled = false,
  labels,
}: {
  page: number;
  pageCount: number;
  onPage: (page: number) => void;
  disabled?: boolean;
  labels: { previous: string; next: string; status: string; nav: string };
}) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={labels.nav} className="flex flex-wrap items-center justify-between gap-2 py-2">
      <Button variant="secondary" onClick={() => onPage(page - 1)} disabled={disabled || page <= 1}>
        {labels.previous}
      </Button>
      <span className="text-sm text-slate-600" aria-live="polite">
        {labels.status}
      </span>
      <Button variant="secondary" onClick={() => onPage(page + 1)} disabled={disabled || page >= pageCount}>
        {labels.next}
      </Button>
    </nav>
  );
}
