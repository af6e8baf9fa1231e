"use client";
// Pick the duplicate record, give the reason, and merge it into the person shown.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { PersonPicker, type PersonPick } from "@/components/person-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/input";
import { mergePeopleAction } from "../actions";

/** `other`: the record to compare and merge, when the page was opened from a likely duplicate pair. */
export function PersonMergeForm({ survivor, other: proposed = null }: { survivor: { id: string; displayName: string }; other?: { id: string; displayName: string } | null }) {
  const t = useTranslations("people");
  const router = useRouter();
  const [other, setOther] = useState<PersonPick | null>(proposed);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  return (
    <form
      className="space-y-4 rounded-md border border-slate-200 bg-white p-4"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await mergePeopleAction({ survivorId: survivor.id, mergedId: other?.id ?? "", reason });
          if (result.ok) {
            router.push(`/people/${survivor.id}/merges/${result.data.mergeId}`);
            return;
          }
          setErrors(result.error.fieldErrors ?? {});
          setMessage(result.error.message);
        });
      }}
    >
      {message ? <Alert tone="error">{message}</Alert> : null}
      <PersonPicker
        label={t("merge.pickOther")}
        value={other}
        onChange={setOther}
        excludeIds={[survivor.id]}
        required
        error={errors.mergedId?.join(" ")}
      />
      {other?.id ? (
        <p className="text-sm">
          {t("merge.survivor", { name: survivor.displayName })} ← {t("merge.merged", { name: other.displayName })}
        </p>
      ) : null}
      <div>
        <label htmlFor="merge-reason" className="block text-sm font-medium">
          {t("merge.reason")} <span aria-hidden="true" className="text-red-700">*</span>
        </label>
        <textarea
          id="merge-reason"
          required
          rows={3}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          className={controlClasses}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={errors.reason ? "merge-reason-error" : undefined}
        />
        {errors.reason ? (
          <p id="merge-reason-error" className="text-sm text-red-700">
            {errors.reason.join(" ")}
          </p>
        ) : null}
      </div>
      <Button type="submit" variant="danger" disabled={pending || !other?.id}>
        {t("merge.confirm")}
      </Button>
    </form>
  );
}
