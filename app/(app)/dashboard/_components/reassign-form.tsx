"use client";
// Reassign one case from the workload table, through the case page's own action (same rule, same audit).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAppForm } from "@/components/forms/use-app-form";
import { buttonClasses } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { assignCaseAction } from "../../cases/actions";

export function ReassignForm({
  caseId,
  version,
  currentAssigneeId,
  members,
  labels,
}: {
  caseId: string;
  version: number;
  currentAssigneeId: string;
  members: { id: string; name: string }[];
  labels: { newAssignee: string; unassign: string; save: string; saved: string };
}) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const f = useAppForm({
    defaultValues: { assignedToId: members.find((member) => member.id !== currentAssigneeId)?.id ?? "" },
    toInput: (values: { assignedToId: string }) => ({ version, assignedToId: values.assignedToId || null }),
    action: (input) => {
      setSaved(false);
      return assignCaseAction(caseId, input);
    },
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  const selectId = `reassign-${caseId}`;
  const message = saved ? { ok: true, text: labels.saved } : f.formError ? { ok: false, text: f.formError } : null;
  return (
    <form {...f.formProps} className="flex flex-wrap items-end gap-2">
      <label htmlFor={selectId} className="sr-only">
        {labels.newAssignee}
      </label>
      <Select id={selectId} {...f.register("assignedToId")} {...f.aria(selectId, "assignedToId")} className="w-48">
        {members.map((member) => (
          <option key={member.id} value={member.id} disabled={member.id === currentAssigneeId}>
            {member.name}
          </option>
        ))}
        <option value="">{labels.unassign}</option>
      </Select>
      <button type="submit" className={buttonClasses("secondary")} disabled={f.pending}>
        {labels.save}
      </button>
      {message ? (
        <span role="status" className={message.ok ? "text-sm text-emerald-800" : "text-sm text-red-800"}>
          {message.text}
        </span>
      ) : null}
    </form>
  );
}
