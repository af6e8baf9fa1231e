// The last row of a list's filter form: apply, clear (when a filter is set) and the number of matches.
import { Link } from "@/components/ui/link";
import { buttonClasses } from "@/components/ui/button";

export function ListFilterActions(props: {
  filtered: boolean;
  clearHref: string;
  labels: { apply: string; clear: string; count: string };
  className?: string;
}) {
  return (
    <div className={`flex flex-wrap items-end gap-2 ${props.className ?? ""}`}>
      <button type="submit" className={buttonClasses("secondary")}>
        {props.labels.apply}
      </button>
      {props.filtered ? (
        <Link href={props.clearHref} className={buttonClasses("ghost")}>
          {props.labels.clear}
        </Link>
      ) : null}
      <span className="ml-auto text-sm text-slate-600" aria-live="polite">
        {props.labels.count}
      </span>
    </div>
  );
}
