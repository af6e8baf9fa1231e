"use client";
// Reassign one case from the workload table, through the case page's own action (same rule, same audit).
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
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
  const [assignee, setAssignee] = useState(members.find((member) => member.id !== currentAssigneeId)?.id ?? "");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const selectId = `reassign-${caseId}`;
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await assignCaseAction(caseId, { version, assignedToId: assignee || null });
          setMessage(result.ok ? { ok: true, text: labels.saved } : { ok: false, text: result.error.message });
          if (result.ok) router.refresh();
        });
      }}
    >
      <label htmlFor={selectId} className="sr-only">
        {labels.newAssignee}
      </label>
      <Select id={selectId} value={assignee} onChange={(event) => setAssignee(event.target.value)} className="w-48">
        {members.map((member) => (
          <option key={member.id} value={member.id} disabled={member.id === currentAssigneeId}>
            {member.name}
          </option>
        ))}
        <option value="">{labels.unassign}</option>
      </Select>
      <button type="submit" className={buttonClasses("secondary")} disabled={pending}>
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
