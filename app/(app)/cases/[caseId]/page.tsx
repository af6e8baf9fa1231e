import { Link } from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { CaseStatusBadge } from "@/components/case-status-badge";
import { Alert } from "@/components/ui/alert";
import { ReportDownloadButton } from "@/components/report-download-button";
import { buttonClasses } from "@/components/ui/button";
import { requireCtx } from "@/lib/auth/context";
import { can } from "@/lib/authz";
import { getCase } from "@/lib/cases/get-case";
import { ImportSourceNote } from "@/components/import-source-note";
import { findImportSource } from "@/lib/imports/find-import-source";
import { groupCaseActivity } from "@/lib/cases/activity-groups";
import { getCaseActivity, type CaseActivityItem } from "@/lib/cases/get-case-activity";
import { listAssignableMembers } from "@/lib/cases/members";
import { getEnv } from "@/lib/env";
import { formatDate, formatDateTime, formatUncertainDate } from "@/lib/format/date";
import type { Locale } from "@/lib/i18n/config";
import {
  completeTaskAction,
  deleteCaseAction,
  deleteEventAction,
  deleteNoteAction,
  removeSourceLinkAction,
  restoreCaseAction,
} from "../actions";
import { CaseActionButton } from "../_components/case-action-button";
import { CaseEventEditToggle, CaseEventForm } from "../_components/case-event-form";
import { CaseManagePanel, CaseNoteForm, CaseSourceForm, CaseTaskForm } from "../_components/case-side-forms";
import { CaseUploadForm } from "../_components/case-upload-form";
import { AdvocacyActionsPanel } from "@/components/advocacy-actions-panel";
import { orNotFound } from "@/lib/or-not-found";
import { findUnSubmissionReminders } from "@/lib/un-submissions/find-un-submission-reminders";
import { findUnSubmissions } from "@/lib/un-submissions/find-un-submissions";
import { getUnReadiness } from "@/lib/un-submissions/get-un-readiness";
import type { UnSubmissionView } from "@/lib/un-submissions/shared";
import type { UnReminder } from "@/lib/un-submissions/find-un-submission-reminders";
import { UnReadinessPanel } from "../_components/un-readiness-panel";
import { UnSubmissionLog } from "../_components/un-submission-log";
import { placeName } from "@/lib/places/place-name";

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

// One case: overview, timeline, family contacts, sources, files, notes, tasks; coordinators also see
// who viewed or changed it. Opening the page is audited by the service.
export default async function CasePage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireCtx("cases.read");
  const { caseId } = await params;
  // links from the UN readiness panel open the form that fills a missing element
  const query = await searchParams;
  const one = (name: string) => (typeof query[name] === "string" ? (query[name] as string) : null);
  const openEventId = one("editEvent");
  const addEventType = one("addEvent");
  const tUn = await getTranslations("unSubmissions");
  // the forms below are keyed by these parameters, so following a readiness link remounts the form open
  const t = await getTranslations("cases");
  const tReports = await getTranslations("reports");
  const tc = await getTranslations("common");
  const locale = (await getLocale()) as Locale;
  const detail = await orNotFound(getCase(ctx, caseId, { includeDeleted: can(ctx, "cases.delete") }));
  const [members, activity, importSource] = await Promise.all([
    listAssignableMembers(ctx),
    detail.permissions.seeActivity ? getCaseActivity(ctx, caseId, { limit: 50 }) : Promise.resolve([] as CaseActivityItem[]),
    findImportSource(ctx, "Case", caseId),
  ]);
  const mayDraft = can(ctx, "unSubmissions.manage");
  const [unReadiness, unSubmissions, unReminders] = detail.deletedAt
    ? [null, [] as UnSubmissionView[], [] as UnReminder[]]
    : await Promise.all([
        getUnReadiness(ctx, caseId),
        mayDraft ? findUnSubmissions(ctx, caseId) : Promise.resolve([] as UnSubmissionView[]),
        mayDraft ? findUnSubmissionReminders(ctx, { caseId }) : Promise.resolve([] as UnReminder[]),
      ]);
  const memberOptions = members.map((m) => ({ id: m.userId, name: m.name }));
  const when = (date: string | null, precision: Parameters<typeof formatUncertainDate>[1]) =>
    date ? formatUncertainDate(date, precision, locale) : t("event.dateUnknown");
  const eventOptions = detail.events.map((event) => ({ id: event.id, label: `${when(event.date, event.datePrecision)} · ${t(`eventType.${event.type}`)}` }));
  const today = new Date().toISOString().slice(0, 10);
  const edit = detail.permissions.edit;

  return (
    <div className="space-y-6">
      <div>
        <Link href="/cases" className="text-sm text-sky-800 hover:underline">
          ← {t("back")}
        </Link>
      </div>
      {detail.deletedAt ? (
        <Alert tone="warning" title={t("deletedBanner")}>
          <CaseActionButton action={restoreCaseAction.bind(null, caseId)} label={t("restoreCase")} />
        </Alert>
      ) : null}

      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="font-mono text-sm text-slate-600">{detail.reference}</p>
          <h1 className="text-2xl font-semibold" dir="auto">
            {detail.subject.displayName}
          </h1>
          {detail.subject.names.length > 1 ? (
            <p className="text-sm text-slate-600" dir="auto">
              {detail.subject.names
                .slice(1)
                .map((name) => name.value)
                .join(" · ")}
            </p>
          ) : null}
          <ImportSourceNote source={importSource} />
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <CaseStatusBadge status={detail.status} label={t(`status.${detail.status}`)} />
            {detail.statusOverridden ? <span className="text-xs text-slate-600">({t("statusOverridden")})</span> : null}
          </div>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          {can(ctx, "reports.anonymised") ? <ReportDownloadButton request={{ kind: "dossier", caseId }} label={tReports("form.downloadDossier")} /> : null}
          {edit ? (
            <Link href={`/cases/${caseId}/edit`} className={buttonClasses("secondary")}>
              {t("editCase")}
            </Link>
          ) : null}
        </div>
      </header>

      <Section id="overview" title={t("overview")}>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Fact label={t("fields.disclosureLevel")}>{t(`disclosure.${detail.disclosureLevel}`)}</Fact>
          <Fact label={t("fields.verificationLevel")}>{t(`verification.${detail.verificationLevel}`)}</Fact>
          <Fact label={t("fields.priority")}>{t(`priority.${detail.priority}`)}</Fact>
          <Fact label={t("fields.assignedTo")}>{detail.assignedToName ?? t("nobody")}</Fact>
          <Fact label={t("fields.birthDate")}>{when(detail.subject.birthDate, detail.subject.birthDatePrecision)}</Fact>
          <Fact label={t("fields.hometown")}>{detail.subject.hometownText ?? t("empty")}</Fact>
          <Fact label={t("fields.openedAt")}>{formatDate(detail.openedAt, locale)}</Fact>
          <Fact label={t("fields.tags")}>{detail.tags.length ? detail.tags.join(", ") : t("empty")}</Fact>
          <Fact label={t("fields.consentGivenBy")}>{detail.consentGivenBy ?? t("empty")}</Fact>
          <Fact label={t("fields.consentGivenAt")}>{detail.consentGivenAt ? formatDate(detail.consentGivenAt, locale) : t("empty")}</Fact>
          <Fact label={t("fields.consentScope")}>{detail.consentScope ?? t("empty")}</Fact>
        </dl>
        {detail.summary ? (
          <p className="text-sm whitespace-pre-wrap" dir="auto">
            {detail.summary}
          </p>
        ) : null}
        {detail.consentNotes ? (
          <p className="text-sm whitespace-pre-wrap text-slate-700" dir="auto">
            {detail.consentNotes}
          </p>
        ) : null}
      </Section>

      <Section id="timeline" title={t("timeline")}>
        {detail.events.length === 0 ? <p className="text-sm text-slate-600">{t("noEvents")}</p> : null}
        <ol className="space-y-3 border-l-2 border-slate-200 pl-4" data-testid="case-timeline">
          {detail.events.map((event) => (
            <li key={event.id} className="space-y-1">
              <p className="text-sm">
                <span className="font-medium">{when(event.date, event.datePrecision)}</span> — {t(`eventType.${event.type}`)}
              </p>
              <p className="text-sm text-slate-700" dir="auto">
                {[event.place ? placeName(event.place, locale) : event.placeText ? `${event.placeText} (${tc("placePicker.freeText")})` : null, event.facility, event.authority, event.charges, event.sentenceMonths ? t("event.sentence", { months: event.sentenceMonths }) : null]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
              {event.description ? (
                <p className="text-sm whitespace-pre-wrap text-slate-700" dir="auto">
                  {event.description}
                </p>
              ) : null}
              {edit ? (
                <div className="flex flex-wrap gap-2">
                  <CaseEventEditToggle caseId={caseId} event={event} label={t("editEvent")} initiallyOpen={openEventId === event.id} key={openEventId === event.id ? "open" : "closed"} />
                  <CaseActionButton
                    action={deleteEventAction.bind(null, caseId, event.id, { version: event.version })}
                    label={t("deleteEvent")}
                    confirm={t("confirmDeleteEvent")}
                    variant="ghost"
                  />
                </div>
              ) : null}
            </li>
          ))}
        </ol>
        {edit ? (
          <details key={addEventType ?? "closed"} open={Boolean(addEventType)}>
            <summary className="cursor-pointer text-sm font-medium text-sky-800">{t("addEvent")}</summary>
            <div className="mt-3">
              <CaseEventForm caseId={caseId} defaultType={addEventType ?? undefined} />
            </div>
          </details>
        ) : null}
      </Section>

      <Section id="contacts" title={t("fields.contacts")}>
        {!detail.contactsVisible ? <p className="text-sm text-slate-600">{t("contactsHidden")}</p> : null}
        {detail.contacts.length === 0 ? <p className="text-sm text-slate-600">{t("noContacts")}</p> : null}
        <ul className="space-y-2">
          {detail.contacts.map((contact) => (
            <li key={contact.id} className="text-sm">
              <span className="font-medium" dir="auto">
                {contact.displayName}
              </span>{" "}
              — {contact.relationship === "OTHER" && contact.relationshipOther ? contact.relationshipOther : t(`relationship.${contact.relationship}`)}
              {contact.isPrimary ? <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs">{t("primary")}</span> : null}
              {contact.contact ? (
                <span className="ml-2 text-slate-700">{Object.values(contact.contact).filter(Boolean).join(" · ")}</span>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="sources" title={t("sources")}>
        {detail.sources.length === 0 ? <p className="text-sm text-slate-600">{t("noSources")}</p> : null}
        <ul className="space-y-2">
          {detail.sources.map((source) => (
            <li key={source.linkId} className="text-sm">
              <span className="font-medium" dir="auto">
                {source.url ? (
                  <a href={source.url} rel="noopener noreferrer nofollow" target="_blank" className="text-sky-800 underline">
                    {source.title}
                  </a>
                ) : (
                  source.title
                )}
              </span>{" "}
              · {t(`sourceKind.${source.kind}`)} · {t("source.reliability")}: {t(`reliability.${source.reliability}`)}
              {source.caseEventId ? <> · {eventOptions.find((e) => e.id === source.caseEventId)?.label}</> : null}
              {source.description ? <p className="text-slate-700">{source.description}</p> : null}
              {edit ? (
                <CaseActionButton action={removeSourceLinkAction.bind(null, caseId, source.linkId)} label={t("removeSource")} variant="ghost" />
              ) : null}
            </li>
          ))}
        </ul>
        {edit ? (
          <details>
            <summary className="cursor-pointer text-sm font-medium text-sky-800">{t("addSource")}</summary>
            <div className="mt-3">
              <CaseSourceForm caseId={caseId} events={eventOptions} />
            </div>
          </details>
        ) : null}
      </Section>

      <Section id="attachments" title={t("attachments")}>
        {detail.attachments.length === 0 ? <p className="text-sm text-slate-600">{t("noAttachments")}</p> : null}
        <ul className="space-y-1">
          {detail.attachments.map((file) => (
            <li key={file.id} className="text-sm">
              <a href={`/api/v1/attachments/${file.id}`} className="text-sky-800 underline" download>
                {file.fileName}
              </a>{" "}
              <span className="text-slate-600">
                · {file.mimeType} · {kb(file.sizeBytes)}
                {file.caseEventId ? <> · {eventOptions.find((e) => e.id === file.caseEventId)?.label}</> : null}
              </span>
            </li>
          ))}
        </ul>
        {edit ? <CaseUploadForm caseId={caseId} events={eventOptions} maxMb={getEnv().MAX_UPLOAD_MB} /> : null}
      </Section>

      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <AdvocacyActionsPanel caseId={caseId} openForm={one("addAdvocacy") === "1"} key={one("addAdvocacy") ?? "closed"} />
      </div>

      {unReadiness ? (
        <Section id="un-submissions" title={tUn("panelTitle")}>
          {unReminders.length ? (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="un-reminders">
              <p className="font-medium">{tUn("reminders.title")}</p>
              <ul className="mt-1 list-disc pl-5">
                {unReminders.map((reminder) => (
                  <li key={reminder.replyId}>
                    {tUn("reminders.due", { type: reminder.type, received: formatDate(reminder.receivedAt, locale), date: formatDate(reminder.respondBy, locale) })}
                    {reminder.overdue ? <span className="ml-1 font-semibold">({tUn("reminders.overdue")})</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <UnReadinessPanel caseId={caseId} readiness={unReadiness} mayDraft={mayDraft} />
          {mayDraft ? (
            <>
              <h3 className="text-base font-semibold">{tUn("logTitle")}</h3>
              <UnSubmissionLog caseId={caseId} submissions={unSubmissions} openType={one("unForm")} />
            </>
          ) : null}
        </Section>
      ) : null}

      <Section id="notes" title={t("notes")}>
        {detail.notes.length === 0 ? <p className="text-sm text-slate-600">{t("noNotes")}</p> : null}
        <ul className="space-y-3">
          {detail.notes.map((note) => (
            <li key={note.id} className="text-sm">
              <p className="text-xs text-slate-600">
                {note.authorName ?? t("empty")} · {formatDateTime(note.createdAt, locale)}
              </p>
              <p className="whitespace-pre-wrap" dir="auto">
                {note.body}
              </p>
              {edit ? (
                <CaseActionButton action={deleteNoteAction.bind(null, caseId, note.id, { version: note.version })} label={t("deleteNote")} confirm={t("confirmDeleteNote")} variant="ghost" />
              ) : null}
            </li>
          ))}
        </ul>
        {edit ? <CaseNoteForm caseId={caseId} /> : null}
      </Section>

      <Section id="tasks" title={t("tasks")}>
        {detail.tasks.length === 0 ? <p className="text-sm text-slate-600">{t("noTasks")}</p> : null}
        <ul className="space-y-2">
          {detail.tasks.map((task) => (
            <li key={task.id} className="flex flex-wrap items-center gap-2 text-sm">
              <span className={task.status === "OPEN" ? "font-medium" : "text-slate-500 line-through"}>{task.title}</span>
              <span className="text-slate-600">
                · {t(`taskStatus.${task.status}`)}
                {task.dueDate ? <> · {t("taskDue")}: {formatDate(task.dueDate, locale)}</> : null}
                {task.assigneeName ? <> · {task.assigneeName}</> : null}
              </span>
              {task.status === "OPEN" && task.dueDate && task.dueDate < today ? (
                <span className="rounded bg-red-100 px-1.5 text-xs text-red-900">{t("overdue")}</span>
              ) : null}
              {task.status === "OPEN" && (edit || task.assigneeId === ctx.userId) ? (
                <CaseActionButton action={completeTaskAction.bind(null, caseId, task.id, { version: task.version })} label={t("completeTask")} variant="ghost" />
              ) : null}
            </li>
          ))}
        </ul>
        {edit ? <CaseTaskForm caseId={caseId} members={memberOptions} /> : null}
      </Section>

      {detail.permissions.manage && !detail.deletedAt ? (
        <Section id="manage" title={t("manage")}>
          <CaseManagePanel
            caseId={caseId}
            version={detail.version}
            assignedToId={detail.assignedToId}
            status={detail.status}
            statusOverridden={detail.statusOverridden}
            members={memberOptions}
          />
          {detail.permissions.delete ? (
            <CaseActionButton
              action={deleteCaseAction.bind(null, caseId, { version: detail.version })}
              label={t("deleteCase")}
              confirm={t("confirmDeleteCase")}
              variant="danger"
              redirectTo="/cases"
            />
          ) : null}
        </Section>
      ) : null}

      {detail.permissions.seeActivity ? (
        <Section id="activity" title={t("activity")}>
          {activity.length === 0 ? <p className="text-sm text-slate-600">{t("noActivity")}</p> : null}
          <ul className="space-y-1 text-sm">
            {groupCaseActivity(activity).map((item) => (
              <li key={item.id} data-action={item.action}>
                <span className="text-slate-600">
                  {item.count > 1 && item.earliest !== item.latest ? `${formatDateTime(item.earliest, locale)} – ${formatDateTime(item.latest, locale)}` : formatDateTime(item.latest, locale)}
                </span>{" "}
                · {item.actorName ?? t("empty")} · {t(`history.${item.key}` as never)}
                {item.count > 1 ? <span className="text-slate-600"> ({t("history.times", { count: item.count })})</span> : null}
                {item.changedFields.length ? <span className="text-slate-600"> · {t("activityFields", { fields: item.changedFields.join(", ") })}</span> : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}
