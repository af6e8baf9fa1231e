"use client";
// "Not the same person" for one likely duplicate pair: recorded (and audited) by the people area's action;
// the pair then leaves the list.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { buttonClasses } from "@/components/ui/button";
import { reviewDuplicatePairAction } from "../../people/actions";

export function DuplicateReviewButton({ pairId, labels }: { pairId: string; labels: { notSame: string; done: string } }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={buttonClasses("secondary")}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await reviewDuplicatePairAction(pairId);
            setMessage(result.ok ? { ok: true, text: labels.done } : { ok: false, text: result.error.message });
            if (result.ok) router.refresh();
          })
        }
      >
        {labels.notSame}
      </button>
      {message ? (
        <span role="status" className={message.ok ? "text-xs text-emerald-800" : "text-xs text-red-700"}>
          {message.text}
        </span>
      ) : null}
    </span>
  );
}
