"use client";
// The case page's small forms: note, task, source citation and the coordinator panel.
import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { CaseField, errorsFor } from "@/components/case-form-parts";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ActionResult } from "@/lib/actions";
import type { FieldErrors } from "@/lib/errors";
import { CaseStatus, Reliability, SourceKind } from "@/lib/generated/prisma/enums";
import { addNoteAction, addSourceAction, assignCaseAction, createTaskAction, setStatusOverrideAction } from "../actions";
import { TypedDateInput } from "@/components/typed-date-input";

type Submit = (data: FormData) => Promise<ActionResult<unknown>>;

/** Form plumbing: collects the fields, runs the action, shows the error per field, resets on success. */
function SmallForm({ label, submitLabel, onSubmit, children }: { label: string; submitLabel: string; onSubmit: Submit; children: (errors: FieldErrors) => ReactNode }) {
  const t = useTranslations("cases");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  return (
    <form
      noValidate
      aria-label={label}
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        setFieldErrors({});
        setFormError(null);
        startTransition(async () => {
          const result = await onSubmit(data);
          if (result.ok) {
            form.reset();
            router.refresh();
          } else {
            setFormError(result.error.message);
            setFieldErrors(result.error.fieldErrors ?? {});
          }
        });
      }}
    >
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {children(fieldErrors)}
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t("saving") : submitLabel}
      </Button>
    </form>
  );
}

const text = (data: FormData, name: string) => String(data.get(name) ?? "").trim();

export function CaseNoteForm({ caseId }: { caseId: string }) {
  const t = useTranslations("cases");
  return (
    <SmallForm label={t("addNote")} submitLabel={t("addNote")} onSubmit={(data) => addNoteAction(caseId, { body: text(data, "body") })}>
      {(errors) => (
        <CaseField id="note-body" label={t("noteBody")} error={errorsFor(errors, "body")} required>
          {(aria) => <Textarea {...aria} name="body" rows={3} dir="auto" />}
        </CaseField>
      )}
    </SmallForm>
  );
}

export function CaseTaskForm({ caseId, members }: { caseId: string; members: { id: string; name: string }[] }) {
  const t = useTranslations("cases");
  return (
    <SmallForm
      label={t("addTask")}
      submitLabel={t("addTask")}
      onSubmit={(data) =>
        createTaskAction(caseId, {
          title: text(data, "title"),
          description: text(data, "description"),
          dueDate: text(data, "dueDate"),
          assigneeId: text(data, "assigneeId"),
        })
      }
    >
      {(errors) => (
        <>
          <CaseField id="task-title" label={t("taskTitle")} error={errorsFor(errors, "title")} required>
            {(aria) => <Input {...aria} name="title" />}
          </CaseField>
          <div className="grid gap-3 sm:grid-cols-2">
            <CaseField id="task-due" label={t("taskDue")} error={errorsFor(errors, "dueDate")}>
              {(aria) => <TypedDateInput {...aria} hasError={aria["aria-invalid"]} needs="day" name="dueDate" />}
            </CaseField>
            <CaseField id="task-assignee" label={t("taskAssignee")} error={errorsFor(errors, "assigneeId")}>
              {(aria) => (
                <Select {...aria} name="assigneeId" defaultValue="">
                  <option value="">{t("nobody")}</option>
                  {members.map((member) => (
                    <option key={member.id} value={member.id}>{member.name}</option>
                  ))}
                </Select>
              )}
            </CaseField>
          </div>
          <CaseField id="task-description" label={t("taskDescription")} error={errorsFor(errors, "description")}>
            {(aria) => <Textarea {...aria} name="description" rows={2} />}
          </CaseField>
        </>
      )}
    </SmallForm>
  );
}

export function CaseSourceForm({ caseId, events }: { caseId: string; events: { id: string; label: string }[] }) {
  const t = useTranslations("cases");
  return (
    <SmallForm
      label={t("addSource")}
      submitLabel={t("addSource")}
      onSubmit={(data) =>
        addSourceAction(caseId, {
          kind: text(data, "kind"),
          title: text(data, "title"),
          url: text(data, "url"),
          reliability: text(data, "reliability"),
          publishedAt: text(data, "publishedAt"),
          description: text(data, "description"),
          caseEventId: text(data, "caseEventId"),
        })
      }
    >
      {(errors) => (
        <>
          <div className="grid gap-3 sm:grid-cols-2">
            <CaseField id="source-kind" label={t("source.kind")} error={errorsFor(errors, "kind")} required>
              {(aria) => (
                <Select {...aria} name="kind" defaultValue="">
                  <option value="">—</option>
                  {Object.values(SourceKind).map((value) => (
                    <option key={value} value={value}>{t(`sourceKind.${value}`)}</option>
                  ))}
                </Select>
              )}
            </CaseField>
            <CaseField id="source-reliability" label={t("source.reliability")} error={errorsFor(errors, "reliability")}>
              {(aria) => (
                <Select {...aria} name="reliability" defaultValue="UNKNOWN">
                  {Object.values(Reliability).map((value) => (
                    <option key={value} value={value}>{t(`reliability.${value}`)}</option>
                  ))}
                </Select>
              )}
            </CaseField>
            <CaseField id="source-title" label={t("source.title")} error={errorsFor(errors, "title")} required>
              {(aria) => <Input {...aria} name="title" dir="auto" />}
            </CaseField>
            <CaseField id="source-url" label={t("source.url")} error={errorsFor(errors, "url")}>
              {(aria) => <Input {...aria} name="url" type="url" placeholder="https://" />}
            </CaseField>
            <CaseField id="source-published" label={t("source.publishedAt")} error={errorsFor(errors, "publishedAt")}>
              {(aria) => <TypedDateInput {...aria} hasError={aria["aria-invalid"]} needs="day" name="publishedAt" />}
            </CaseField>
            <CaseField id="source-applies" label={t("source.appliesTo")} error={errorsFor(errors, "caseEventId")}>
              {(aria) => (
                <Select {...aria} name="caseEventId" defaultValue="">
                  <option value="">{t("source.wholeCase")}</option>
                  {events.map((event) => (
                    <option key={event.id} value={event.id}>{event.label}</option>
                  ))}
                </Select>
              )}
            </CaseField>
          </div>
          <CaseField id="source-description" label={t("source.description")} error={errorsFor(errors, "description")}>
            {(aria) => <Textarea {...aria} name="description" rows={2} dir="auto" />}
          </CaseField>
        </>
      )}
    </SmallForm>
  );
}

export function CaseManagePanel({
  caseId,
  version,
  assignedToId,
  status,
  statusOverridden,
  members,
}: {
  caseId: string;
  version: number;
  assignedToId: string | null;
  status: CaseStatus;
  statusOverridden: boolean;
  members: { id: string; name: string }[];
}) {
  const t = useTranslations("cases");
  return (
    <div className="grid gap-6 sm:grid-cols-2">
      <SmallForm label={t("reassign")} submitLabel={t("reassign")} onSubmit={(data) => assignCaseAction(caseId, { version, assignedToId: text(data, "assignedToId") })}>
        {(errors) => (
          <CaseField id="manage-assignee" label={t("fields.assignedTo")} error={errorsFor(errors, "assignedToId")}>
            {(aria) => (
              <Select {...aria} name="assignedToId" defaultValue={assignedToId ?? ""}>
                <option value="">{t("nobody")}</option>
                {members.map((member) => (
                  <option key={member.id} value={member.id}>{member.name}</option>
                ))}
              </Select>
            )}
          </CaseField>
        )}
      </SmallForm>
      <SmallForm
        label={t("overrideStatus")}
        submitLabel={t("overrideStatus")}
        onSubmit={(data) => setStatusOverrideAction(caseId, { version, status: text(data, "status") || null })}
      >
        {(errors) => (
          <CaseField id="manage-status" label={t("fields.status")} error={errorsFor(errors, "status")}>
            {(aria) => (
              <Select {...aria} name="status" defaultValue={statusOverridden ? status : ""}>
                <option value="">{t("statusFromTimeline")}</option>
                {Object.values(CaseStatus).map((value) => (
                  <option key={value} value={value}>{t(`status.${value}`)}</option>
                ))}
              </Select>
            )}
          </CaseField>
        )}
      </SmallForm>
    </div>
  );
}
