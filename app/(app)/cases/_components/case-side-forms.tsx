"use client";
// The case page's small forms: note, task, source citation and the coordinator panel.
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { CaseField } from "@/components/case-form-parts";
import { useAppForm, type AppForm, type AppFormOptions, type FormActionResult } from "@/components/forms/use-app-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { CaseStatus, Reliability, SourceKind } from "@/lib/generated/prisma/enums";
import { addNoteAction, addSourceAction, assignCaseAction, createTaskAction, setStatusOverrideAction } from "../actions";
import { TypedDateInput } from "@/components/typed-date-input";
import { noteSchema, sourceSchema, taskSchema } from "@/lib/validations/case";

type Values = Record<string, string>;

/** The one form pattern for the case page's small forms: each message at its field, reset after a save. */
function SmallForm({
  label,
  submitLabel,
  defaults,
  schema,
  onSubmit,
  children,
}: {
  label: string;
  submitLabel: string;
  defaults: Values;
  /** the shared schema of the action's input */
  schema?: AppFormOptions<Values, Values, unknown>["schema"];
  onSubmit: (values: Values) => Promise<FormActionResult<unknown>>;
  children: (f: AppForm<Values, Values>) => ReactNode;
}) {
  const t = useTranslations("cases");
  const router = useRouter();
  const f = useAppForm<Values, Values, unknown>({
    defaultValues: defaults,
    toInput: (values) => Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.trim()])),
    schema,
    action: (input) => onSubmit(input),
    onSuccess: (_data, _values, form) => {
      form.reset();
      router.refresh();
    },
  });
  return (
    <form {...f.formProps} aria-label={label} className="space-y-3">
      {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
      {children(f)}
      <Button type="submit" variant="secondary" disabled={f.pending}>
        {f.pending ? t("saving") : submitLabel}
      </Button>
    </form>
  );
}

export function CaseNoteForm({ caseId }: { caseId: string }) {
  const t = useTranslations("cases");
  return (
    <SmallForm label={t("addNote")} submitLabel={t("addNote")} defaults={{ body: "" }} schema={noteSchema} onSubmit={(values) => addNoteAction(caseId, values)}>
      {(f) => (
        <CaseField id="note-body" label={t("noteBody")} error={f.errorsWithin("body")} required>
          {(aria) => <Textarea {...aria} {...f.register("body")} rows={3} dir="auto" />}
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
      defaults={{ title: "", description: "", dueDate: "", assigneeId: "" }}
      schema={taskSchema}
      onSubmit={(values) => createTaskAction(caseId, values)}
    >
      {(f) => (
        <>
          <CaseField id="task-title" label={t("taskTitle")} error={f.errorsWithin("title")} required>
            {(aria) => <Input {...aria} {...f.register("title")} />}
          </CaseField>
          <div className="grid gap-3 sm:grid-cols-2">
            <CaseField id="task-due" label={t("taskDue")} error={f.errorsWithin("dueDate")}>
              {(aria) => <TypedDateInput {...aria} hasError={aria["aria-invalid"]} needs="day" {...f.register("dueDate")} />}
            </CaseField>
            <CaseField id="task-assignee" label={t("taskAssignee")} error={f.errorsWithin("assigneeId")}>
              {(aria) => (
                <Select {...aria} {...f.register("assigneeId")}>
                  <option value="">{t("nobody")}</option>
                  {members.map((member) => (
                    <option key={member.id} value={member.id}>{member.name}</option>
                  ))}
                </Select>
              )}
            </CaseField>
          </div>
          <CaseField id="task-description" label={t("taskDescription")} error={f.errorsWithin("description")}>
            {(aria) => <Textarea {...aria} {...f.register("description")} rows={2} />}
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
      defaults={{ kind: "", title: "", url: "", reliability: "UNKNOWN", publishedAt: "", description: "", caseEventId: "" }}
      schema={sourceSchema}
      onSubmit={(values) => addSourceAction(caseId, values)}
    >
      {(f) => (
        <>
          <div className="grid gap-3 sm:grid-cols-2">
            <CaseField id="source-kind" label={t("source.kind")} error={f.errorsWithin("kind")} required>
              {(aria) => (
                <Select {...aria} {...f.register("kind")}>
                  <option value="">—</option>
                  {Object.values(SourceKind).map((value) => (
                    <option key={value} value={value}>{t(`sourceKind.${value}`)}</option>
                  ))}
                </Select>
              )}
            </CaseField>
            <CaseField id="source-reliability" label={t("source.reliability")} error={f.errorsWithin("reliability")}>
              {(aria) => (
                <Select {...aria} {...f.register("reliability")}>
                  {Object.values(Reliability).map((value) => (
                    <option key={value} value={value}>{t(`reliability.${value}`)}</option>
                  ))}
                </Select>
              )}
            </CaseField>
            <CaseField id="source-title" label={t("source.title")} error={f.errorsWithin("title")} required>
              {(aria) => <Input {...aria} {...f.register("title")} dir="auto" />}
            </CaseField>
            <CaseField id="source-url" label={t("source.url")} error={f.errorsWithin("url")}>
              {(aria) => <Input {...aria} {...f.register("url")} type="url" placeholder="https://" />}
            </CaseField>
            <CaseField id="source-published" label={t("source.publishedAt")} error={f.errorsWithin("publishedAt")}>
              {(aria) => <TypedDateInput {...aria} hasError={aria["aria-invalid"]} needs="day" {...f.register("publishedAt")} />}
            </CaseField>
            <CaseField id="source-applies" label={t("source.appliesTo")} error={f.errorsWithin("caseEventId")}>
              {(aria) => (
                <Select {...aria} {...f.register("caseEventId")}>
                  <option value="">{t("source.wholeCase")}</option>
                  {events.map((event) => (
                    <option key={event.id} value={event.id}>{event.label}</option>
                  ))}
                </Select>
              )}
            </CaseField>
          </div>
          <CaseField id="source-description" label={t("source.description")} error={f.errorsWithin("description")}>
            {(aria) => <Textarea {...aria} {...f.register("description")} rows={2} dir="auto" />}
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
      <SmallForm label={t("reassign")} submitLabel={t("reassign")} defaults={{ assignedToId: assignedToId ?? "" }}
        onSubmit={(values) => assignCaseAction(caseId, { version, assignedToId: values.assignedToId })}>
        {(f) => (
          <CaseField id="manage-assignee" label={t("fields.assignedTo")} error={f.errorsWithin("assignedToId")}>
            {(aria) => (
              <Select {...aria} {...f.register("assignedToId")}>
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
        defaults={{ status: statusOverridden ? status : "" }}
        onSubmit={(values) => setStatusOverrideAction(caseId, { version, status: values.status || null })}
      >
        {(f) => (
          <CaseField id="manage-status" label={t("fields.status")} error={f.errorsWithin("status")}>
            {(aria) => (
              <Select {...aria} {...f.register("status")}>
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
