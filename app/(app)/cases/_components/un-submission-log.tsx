"use client";
// The UN submissions follow-up log on the case page: per Working Group, the form of its latest
// submission (who submits, what stays confidential, WGAD categories, date sent, UN reference, our
// comments), then every submission with the government's replies and the six-month deadlines.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { DefaultValues } from "react-hook-form";
import { useLocale, useTranslations } from "next-intl";
import { CaseField } from "@/components/case-form-parts";
import { useAppForm, type FormActionResult } from "@/components/forms/use-app-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/input";
import { formatDate } from "@/lib/format/date";
import { isLocale, type Locale } from "@/lib/i18n/config";
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
import { TypedDateInput, typedDateText } from "@/components/typed-date-input";

/** The one form pattern for the log's forms: "saved" after a save, the page read again. */
function useUnForm<V extends Record<string, string | string[]>>(defaults: V, action: (values: V) => Promise<FormActionResult<unknown>>, clearAfterSave = false) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const f = useAppForm<V, V, unknown>({
    defaultValues: defaults as DefaultValues<V>,
    toInput: (values) => Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === "string" ? value.trim() : value])) as V,
    action: (input) => {
      setSaved(false);
      return action(input);
    },
    onSuccess: (_data, _values, form) => {
      setSaved(true);
      if (clearAfterSave) form.reset();
      router.refresh();
    },
  });
  return { f, saved };
}

function SubmissionForm({ caseId, type, latest, open }: { caseId: string; type: UnSubmissionKind; latest: UnSubmissionView | undefined; open: boolean }) {
  const t = useTranslations("unSubmissions");
  const current = useLocale();
  const locale = isLocale(current) ? current : "en";
  const { f, saved } = useUnForm(
    {
      submitterName: latest?.submitterName ?? "",
      confidentialElements: latest?.confidentialElements ?? [],
      arbitraryCategories: latest?.arbitraryCategories ?? [],
      arbitraryReasons: latest?.arbitraryReasons ?? "",
      sentAt: typedDateText(latest?.sentAt, locale),
      unReference: latest?.unReference ?? "",
      comments: latest?.comments ?? "",
    },
    ({ confidentialElements, arbitraryCategories, ...rest }) => {
      // a group of one checkbox gives its value alone, or false when unticked
      const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === "string" && value ? [value] : []);
      const fields = { ...rest, confidentialElements: list(confidentialElements), arbitraryCategories: list(arbitraryCategories) };
      return latest ? updateUnSubmissionAction(caseId, latest.id, { ...fields, version: latest.version }) : createUnSubmissionAction(caseId, { ...fields, type });
    },
  );
  const { register } = f;
  const err = f.errorsWithin;
  const pending = f.pending;
  const formError = f.formError;
  const prefix = `un-${type}`;

  return (
    <details open={open} className="rounded-lg border border-slate-200 bg-slate-50 p-3">
      <summary className="cursor-pointer text-sm font-medium text-sky-800">
        {latest ? t("form.titleEdit", { type }) : t("form.titleNew", { type })}
      </summary>
      <form {...f.formProps} className="mt-3 space-y-3" aria-label={t("form.titleEdit", { type })}>
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        {saved ? <p className="text-sm text-green-800" role="status">{t("form.saved")}</p> : null}
        <CaseField id={`${prefix}-submitter`} label={t("form.submitter")} error={err("submitterName")}>
          {(aria) => <Input {...aria} dir="auto" {...register("submitterName")} />}
        </CaseField>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">{t("form.confidential")}</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {ELEMENTS_BY_TYPE[type]
              .filter((element) => element !== "consent")
              .map((element) => (
                <label key={element} className="flex items-center gap-1.5 text-sm">
                  <input type="checkbox" value={element} {...register("confidentialElements")} />
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
                    value={category}
                    {...register("arbitraryCategories")}
                  />
                  {t(`form.category.${category}`)}
                </label>
              ))}
            </fieldset>
            <CaseField id={`${prefix}-reasons`} label={t("form.reasons")} error={err("arbitraryReasons")}>
              {(aria) => <Textarea {...aria} rows={3} dir="auto" {...register("arbitraryReasons")} />}
            </CaseField>
          </>
        ) : null}
        <div className="grid gap-3 sm:grid-cols-2">
          <CaseField id={`${prefix}-sent`} label={t("form.sentAt")} error={err("sentAt")}>
            {(aria) => <TypedDateInput {...aria} hasError={aria["aria-invalid"]} needs="day" {...register("sentAt")} />}
          </CaseField>
          <CaseField id={`${prefix}-reference`} label={t("form.unReference")} error={err("unReference")}>
            {(aria) => <Input {...aria} {...register("unReference")} />}
          </CaseField>
        </div>
        <CaseField id={`${prefix}-comments`} label={t("form.comments")} error={err("comments")}>
          {(aria) => <Textarea {...aria} rows={2} dir="auto" {...register("comments")} />}
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
  const { f } = useUnForm({ receivedAt: "", summary: "" }, (values) => addUnReplyAction(caseId, submissionId, values), true);
  const prefix = `un-reply-${submissionId}`;
  return (
    <details>
      <summary className="cursor-pointer text-sm text-sky-800">{t("reply.add")}</summary>
      <form {...f.formProps} className="mt-2 space-y-2">
        {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
        <CaseField id={`${prefix}-received`} label={t("reply.receivedAt")} error={f.errorsWithin("receivedAt")} required>
          {(aria) => <TypedDateInput {...aria} hasError={aria["aria-invalid"]} needs="day" required {...f.register("receivedAt")} />}
        </CaseField>
        <CaseField id={`${prefix}-summary`} label={t("reply.summary")} error={f.errorsWithin("summary")}>
          {(aria) => <Textarea {...aria} rows={2} dir="auto" {...f.register("summary")} />}
        </CaseField>
        <Button type="submit" variant="secondary" disabled={f.pending}>
          {t("reply.add")}
        </Button>
      </form>
    </details>
  );
}

function AnswerForm({ caseId, submissionId, replyId, version }: { caseId: string; submissionId: string; replyId: string; version: number }) {
  const t = useTranslations("unSubmissions");
  const { f } = useUnForm({ answeredAt: "" }, (values) => answerUnReplyAction(caseId, submissionId, replyId, { version, ...values }));
  return (
    <form {...f.formProps} className="flex flex-wrap items-end gap-2">
      {f.formError ? <Alert tone="error">{f.formError}</Alert> : null}
      <CaseField id={`un-answer-${replyId}`} label={t("reply.answeredAt")} error={f.errorsWithin("answeredAt")}>
        {(aria) => <TypedDateInput {...aria} hasError={aria["aria-invalid"]} needs="day" {...f.register("answeredAt")} />}
      </CaseField>
      <Button type="submit" variant="secondary" disabled={f.pending}>
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
