// Names and other text that may be written right to left (Uyghur Arabic script) inside a left-to-right
// page: <bdi dir="auto"> isolates the text so its direction cannot reorder the words around it.
import type { ElementType, ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export function BidiText({
  children,
  className,
  as,
  lang,
}: {
  children: ReactNode;
  className?: string;
  /** "bdi" by default; a block element ("p", "div") for longer text, still with dir="auto" */
  as?: ElementType;
  lang?: string;
}) {
  const Tag = as ?? "bdi";
  return (
    <Tag dir="auto" lang={lang} className={cn("bidi-isolate", className)}>
      {children}
    </Tag>
  );
}
