"use client";
// The UN submissions follow-up log on the case page: per Working Group, the form of its latest
// submission (who submits, what stays confidential, WGAD categories, date sent, UN reference, our
// comments), then every submission with the government's replies and the six-month deadlines.
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { CaseField, errorsFor } from "@/components/case-form-parts";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions";
import type { FieldErrors } from "@/lib/errors";
import { formatDate } from "@/lib/format/date";
import type { Locale } from "@/lib/i18n/config";
import { ARBITRARY_CATEGORIES, ELEMENTS_BY_TYPE, UN_SUBMISSION_TYPES, type UnSubmissionKind } from "@/lib/un-submissions/readiness";
import type { UnSubmissionView } from "@/lib/un-submissions/shared";
import {
  addUnReplyAction,
  answerUnReplyAction,
  createUnSubmissionAction,
  deleteUnReplyAction,
  deleteUnSubmissionAction,
  updateUnSubmissionAction,
} from "../[caseId]/actions";
import { CaseActionButton } from "./case-action-button";
import { TypedDateInput } from "@/components/typed-date-input";

function useSave() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  function run<T>(work: () => Promise<ActionResult<T>>, onDone?: () => void) {
    setFieldErrors({});
    setFormError(null);
    setSaved(false);
    startTransition(async () => {
      const result = await work();
      if (result.ok) {
        setSaved(true);
        onDone?.();
        router.refresh();
        return;
      }
      setFormError(result.error.message);
      setFieldErrors(result.error.fieldErrors ?? {});
    });
  }
  return { pending, fieldErrors, formError, saved, run };
}

const text = (data: FormData, name: string) => String(data.get(name) ?? "").trim();

function SubmissionForm({ caseId, type, latest, open }: { caseId: string; type: UnSubmissionKind; latest: UnSubmissionView | undefined; open: boolean }) {
  const t = useTranslations("unSubmissions");
  const { pending, fieldErrors, formError, saved, run } = useSave();
  const err = (path: string) => errorsFor(fieldErrors, path);
  const prefix = `un-${type}`;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const fields = {
      submitterName: text(data, "submitterName"),
      confidentialElements: data.getAll("confidentialElements").map(String),
      arbitraryCategories: data.getAll("arbitraryCategories").map(String),
      arbitraryReasons: text(data, "arbitraryReasons"),
      sentAt: text(data, "sentAt"),
      unReference: text(data, "unReference"),
      comments: text(data, "comments"),
    };
    run(() =>
      latest ? updateUnSubmissionAction(caseId, latest.id, { ...fields, version: latest.version }) : createUnSubmissionAction(caseId, { ...fields, type }),
    );
  }

  return (
    <details open={open} className="rounded-lg border border-slate-200 bg-slate-50 p-3">
      <summary className="cursor-pointer text-sm font-medium text-sky-800">
        {latest ? t("form.titleEdit", { type }) : t("form.titleNew", { type })}
      </summary>
      <form noValidate onSubmit={submit} className="mt-3 space-y-3" aria-label={t("form.titleEdit", { type })}>
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        {saved ? <p className="text-sm text-green-800" role="status">{t("form.saved")}</p> : null}
        <CaseField id={`${prefix}-submitter`} label={t("form.submitter")} error={err("submitterName")}>
          {(aria) => <Input {...aria} name="submitterName" dir="auto" defaultValue={latest?.submitterName ?? ""} />}
        </CaseField>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">{t("form.confidential")}</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {ELEMENTS_BY_TYPE[type]
              .filter((element) => element !== "consent")
              .map((element) => (
                <label key={element} className="flex items-center gap-1.5 text-sm">
                  <input type="checkbox" name="confidentialElements" value={element} defaultChecked={latest?.confidentialElements.includes(element)} />
                  {t(`element.${element}`)}
                </label>
              ))}
          </div>
        </fieldset>
        {type === "WGAD" ? (
          <>
            <fieldset className="space-y-1" aria-invalid={Boolean(err("arbitraryCategories"))}>
              <legend className="text-sm font-medium">{t("form.categories")}</legend>
              {ARBITRARY_CATEGORIES.map((category, i) => (
                <label key={category} className="flex items-center gap-1.5 text-sm">
                  <input
                    type="checkbox"
                    id={i === 0 ? `${prefix}-categories` : undefined}
                    name="arbitraryCategories"
                    value={category}
                    defaultChecked={latest?.arbitraryCategories.includes(category)}
                  />
                  {t(`form.category.${category}`)}
                </label>
              ))}
            </fieldset>
            <CaseField id={`${prefix}-reasons`} label={t("form.reasons")} error={err("arbitraryReasons")}>
              {(aria) => <Textarea {...aria} name="arbitraryReasons" rows={3} dir="auto" defaultValue={latest?.arbitraryReasons ?? ""} />}
            </CaseField>
          </>
        ) : null}
        <div className="grid gap-3 sm:grid-cols-2">
          <CaseField id={`${prefix}-sent`} label={t("form.sentAt")} error={err("sentAt")}>
            {(aria) => <Input {...aria} name="sentAt" type="date" defaultValue={latest?.sentAt ?? ""} />}
          </CaseField>
          <CaseField id={`${prefix}-reference`} label={t("form.unReference")} error={err("unReference")}>
            {(aria) => <Input {...aria} name="unReference" defaultValue={latest?.unReference ?? ""} />}
          </CaseField>
        </div>
        <CaseField id={`${prefix}-comments`} label={t("form.comments")} error={err("comments")}>
          {(aria) => <Textarea {...aria} name="comments" rows={2} dir="auto" defaultValue={latest?.comments ?? ""} />}
        </CaseField>
        <Button type="submit" disabled={pending}>
          {pending ? t("form.saving") : t("form.save")}
        </Button>
      </form>
    </details>
  );
}

function ReplyForm({ caseId, submissionId }: { caseId: string; submissionId: string }) {
  const t = useTranslations("unSubmissions");
  const { pending, fieldErrors, formError, run } = useSave();
  const prefix = `un-reply-${submissionId}`;
  return (
    <details>
      <summary className="cursor-pointer text-sm text-sky-800">{t("reply.add")}</summary>
      <form
        noValidate
        className="mt-2 space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const data = new FormData(form);
          run(() => addUnReplyAction(caseId, submissionId, { receivedAt: text(data, "receivedAt"), summary: text(data, "summary") }), () => form.reset());
        }}
      >
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <CaseField id={`${prefix}-received`} label={t("reply.receivedAt")} error={errorsFor(fieldErrors, "receivedAt")} required>
          {(aria) => <TypedDateInput {...aria} hasError={aria["aria-invalid"]} needs="day" name="receivedAt" required />}
        </CaseField>
        <CaseField id={`${prefix}-summary`} label={t("reply.summary")} error={errorsFor(fieldErrors, "summary")}>
          {(aria) => <Textarea {...aria} name="summary" rows={2} dir="auto" />}
        </CaseField>
        <Button type="submit" variant="secondary" disabled={pending}>
          {t("reply.add")}
        </Button>
      </form>
    </details>
  );
}

function AnswerForm({ caseId, submissionId, replyId, version }: { caseId: string; submissionId: string; replyId: string; version: number }) {
  const t = useTranslations("unSubmissions");
  const { pending, fieldErrors, formError, run } = useSave();
  return (
    <form
      noValidate
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        run(() => answerUnReplyAction(caseId, submissionId, replyId, { version, answeredAt: text(data, "answeredAt") }));
      }}
    >
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <CaseField id={`un-answer-${replyId}`} label={t("reply.answeredAt")} error={errorsFor(fieldErrors, "answeredAt")}>
        {(aria) => <TypedDateInput {...aria} hasError={aria["aria-invalid"]} needs="day" name="answeredAt" />}
      </CaseField>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("reply.markAnswered")}
      </Button>
    </form>
  );
}

export function UnSubmissionLog({
  caseId,
  submissions,
  openType,
}: {
  caseId: string;
  submissions: UnSubmissionView[];
  openType: string | null;
}) {
  const t = useTranslations("unSubmissions");
  const locale = useLocale() as Locale;
  const day = (iso: string | null) => (iso ? formatDate(iso, locale) : "");
  return (
    <div className="space-y-4" data-testid="un-submission-log">
      <div className="space-y-2">
        {UN_SUBMISSION_TYPES.map((type) => (
          <SubmissionForm key={`${type}-${openType === type ? "open" : "closed"}`} caseId={caseId} type={type} latest={submissions.find((s) => s.type === type)} open={openType === type} />
        ))}
      </div>
      {submissions.length === 0 ? <p className="text-sm text-slate-600">{t("noSubmissions")}</p> : null}
      <ol className="space-y-3">
        {submissions.map((submission) => (
          <li key={submission.id} className="rounded-lg border border-slate-200 p-3 text-sm">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <p className="font-medium">
                {submission.type} · {submission.sentAt ? t("sentOn", { date: day(submission.sentAt) }) : t("notSent")}
                {submission.unReference ? ` · ${t("unReferenceShort", { reference: submission.unReference })}` : ""}
              </p>
              <CaseActionButton
                action={() => deleteUnSubmissionAction(caseId, submission.id, { version: submission.version })}
                label={t("delete.submission")}
                confirm={t("delete.submissionConfirm", { type: submission.type })}
                variant="danger"
              />
            </div>
            {submission.comments ? <p className="whitespace-pre-wrap text-slate-700" dir="auto">{submission.comments}</p> : null}
            <h4 className="mt-2 font-medium text-slate-700">{t("reply.title")}</h4>
            {submission.replies.length === 0 ? <p className="text-slate-600">{t("reply.none")}</p> : null}
            <ul className="space-y-2">
              {submission.replies.map((reply) => (
                <li key={reply.id} className="border-l-4 border-slate-200 pl-3">
                  <p>
                    {day(reply.receivedAt)}
                    {reply.answeredAt ? (
                      <span className="text-green-800"> · {t("reply.answered", { date: day(reply.answeredAt) })}</span>
                    ) : (
                      <span className={reply.reminderDue ? "font-medium text-red-800" : "text-slate-700"}> · {t("reply.respondBy", { date: day(reply.respondBy) })}</span>
                    )}
                  </p>
                  {reply.summary ? <p className="whitespace-pre-wrap text-slate-700" dir="auto">{reply.summary}</p> : null}
                  {!reply.answeredAt ? <AnswerForm caseId={caseId} submissionId={submission.id} replyId={reply.id} version={reply.version} /> : null}
                  <CaseActionButton
                    action={() => deleteUnReplyAction(caseId, submission.id, reply.id, { version: reply.version })}
                    label={t("delete.reply")}
                    confirm={t("delete.replyConfirm", { date: day(reply.receivedAt) })}
                    variant="danger"
                  />
                </li>
              ))}
            </ul>
            {submission.sentAt ? <ReplyForm caseId={caseId} submissionId={submission.id} /> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
