// The relative's current status as a coloured label; the colour only repeats what the text says.
import type { CaseStatus } from "@/lib/generated/prisma/enums";
import { cn } from "@/components/ui/cn";

const tones: Record<CaseStatus, string> = {
  MISSING: "bg-amber-100 text-amber-900",
  DETAINED: "bg-red-100 text-red-900",
  SENTENCED: "bg-red-100 text-red-900",
  IN_CAMP: "bg-red-100 text-red-900",
  HOUSE_ARREST: "bg-orange-100 text-orange-900",
  RELEASED_IN_CHINA: "bg-sky-100 text-sky-900",
  RETURNED_TO_KAZAKHSTAN: "bg-emerald-100 text-emerald-900",
  DECEASED: "bg-slate-200 text-slate-900",
  UNKNOWN: "bg-slate-100 text-slate-800",
};

export function CaseStatusBadge({ status, label, className }: { status: CaseStatus; label: string; className?: string }) {
  return <span className={cn("inline-flex rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap", tones[status], className)}>{label}</span>;
}
