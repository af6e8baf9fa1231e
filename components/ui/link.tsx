// The app's link: Next's client-side navigation without prefetching. Every page here is dynamic (signed
// in, per organisation), so a prefetch brings back only the layouts the reader already has, and it costs
// the server a whole request through the proxy and the layouts: a case list showed in a browser made
// eight of them per view, more than half the server's work for that view. A click asks for the page
// itself either way.
import NextLink from "next/link";
import type { ComponentProps } from "react";

export function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
