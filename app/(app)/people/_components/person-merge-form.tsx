"use client";
// Pick the duplicate record, compare both side by side, give the reason, confirm, and merge it into the
// person shown. Picking a record reloads the page with ?other= so the server shows the comparison.
import { usePathname, useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useAppForm } from "@/components/forms/use-app-form";
import { useTranslations } from "next-intl";
import { PersonPicker, type PersonPick } from "@/components/person-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/input";
import { mergePeopleAction } from "../actions";

export function PersonMergeForm({
  survivor,
  other: picked,
  comparison,
}: {
  survivor: { id: string; displayName: string };
  /** the record picked (from ?other=), compared in `comparison` */
  other: PersonPick | null;
  comparison: ReactNode;
}) {
  const t = useTranslations("people");
  const router = useRouter();
  const pathname = usePathname();
  const other = picked;
  const setOther = (pick: PersonPick | null) => {
    setSame(false);
    router.replace(pick?.id ? `${pathname}?other=${pick.id}` : pathname, { scroll: false });
  };
  const [same, setSame] = useState(false);
  const f = useAppForm({
    defaultValues: { reason: "" },
    toInput: (values: { reason: string }) => ({ survivorId: survivor.id, mergedId: other?.id ?? "", reason: values.reason }),
    action: (input) => mergePeopleAction(input),
    onSuccess: (data) => router.push(`/people/${survivor.id}/merges/${data.mergeId}`),
  });
  const errors = f.fieldErrors;
  const message = f.formError;

  return (
    <form {...f.formProps} className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
      {message ? <Alert tone="error">{message}</Alert> : null}
      <PersonPicker
        label={t("merge.pickOther")}
        value={other}
        onChange={setOther}
        excludeIds={[survivor.id]}
        required
        error={errors.mergedId?.join(" ")}
      />
      {other?.id ? comparison : <p className="text-sm text-slate-600">{t("merge.pickFirst")}</p>}
      <div>
        <label htmlFor="merge-reason" className="block text-sm font-medium">
          {t("merge.reason")} <span aria-hidden="true" className="text-red-700">*</span>
        </label>
        <textarea
          id="merge-reason"
          required
          rows={3}
          className={controlClasses}
          {...f.register("reason")}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={errors.reason ? "merge-reason-error" : undefined}
        />
        {errors.reason ? (
          <p id="merge-reason-error" className="text-sm text-red-700">
            {errors.reason.join(" ")}
          </p>
        ) : null}
      </div>
      {other?.id ? (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1" checked={same} onChange={(event) => setSame(event.target.checked)} />
          <span>{t("merge.sameConfirm")}</span>
        </label>
      ) : null}
      <Button type="submit" variant="danger" disabled={f.pending || !other?.id || !same}>
        {t("merge.confirm")}
      </Button>
    </form>
  );
}
