// A list page past the last one (an old link, "?page=999") lands on the last page instead of an empty list.
import "server-only";
import { redirect } from "next/navigation";

/** Redirects to the last page when `page` is beyond it and the list has anything to show. */
export function landOnLastPage(page: number, pageCount: number, total: number, href: (page: number) => string): void {
  if (total > 0 && page > pageCount) redirect(href(pageCount));
}
