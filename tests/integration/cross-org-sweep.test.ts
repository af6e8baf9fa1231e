// Cross-organisation id guessing, swept over EVERY JSON API route and EVERY server action. Two groups hold
// the same shape of data (the demo seed, plus a file, an API token and an invite each). As an admin and
// as a volunteer of group A we use group B's ids everywhere an id goes: the answer must be "not found"
// (or "not allowed"), must not carry any of B's ids, and B's rows must be exactly as before.
//
// The route files and the actions files are read from the disk: a new route, method or action without an
// entry in API_SWEEP / ACTION_SWEEP below fails the first test, so nothing new can slip past the sweep.
// Pages bind ids to these actions (`.bind(null, caseId)`), and a browser can send other ids, so every
// action lives in an actions.ts (no inline "use server" closures) and is swept here.
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiToken, hashApiToken } from "@/lib/auth/api-tokens";
import { createInvite } from "@/lib/auth/invites";
import { SESSION_COOKIE, sessionCookieValue } from "@/lib/auth/cookies";
import { createSession, switchOrganization } from "@/lib/auth/sessions";
import type { Ctx } from "@/lib/authz";
import { resetEnvCache } from "@/lib/env";
import { uploadAttachment } from "@/lib/files/attachments";
import { setPortrait } from "@/lib/people/portrait";
import { enqueueJob } from "@/lib/jobs/queue";
import { requestImport } from "@/lib/imports/request-import";
import { uploadImport } from "@/lib/imports/upload-import";
import { runQueuedJobsOnce } from "@/lib/jobs/worker";
import type { Role } from "@/lib/generated/prisma/enums";
import { addUnReply } from "@/lib/un-submissions/add-un-reply";
import { createUnSubmission } from "@/lib/un-submissions/create-un-submission";
import { seedDemo } from "@/prisma/seed/demo";
import { actionFiles, ROOT, routeFiles, type Method } from "../helpers/app-surface";
import { ownerQuery } from "../helpers/factories";
import { orgSnapshot } from "../helpers/org-snapshot";

// Server actions read the request through next/headers; here it is the acting member's cookie.
// (Next's request context is mocked; the database is real.)
const request = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (name === "qamqor_session" && request.cookie ? { name, value: request.cookie } : undefined),
    getAll: () => [],
    has: (name: string) => name === "qamqor_session" && Boolean(request.cookie),
    set: () => undefined,
    delete: () => undefined,
  }),
  // a request from the app's own pages: our Origin and Host (actions refuse any other, and none)
  headers: async () => new Headers({ "user-agent": "cross-org sweep", "x-forwarded-for": "203.0.113.9", origin: "http://127.0.0.1:3100", host: "127.0.0.1:3100" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const BASE = "http://127.0.0.1:3100";
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** One organisation's ids of each kind of record (the demo seed gives both groups the same shape). */
interface Ids {
  orgId: string;
  personId: string;
  caseId: string;
  eventId: string;
  noteId: string;
  taskId: string;
  contactId: string;
  sourceLinkId: string;
  attachmentId: string;
  protestId: string;
  participantPersonId: string;
  policeActionId: string;
  advocacyActionId: string;
  unSubmissionId: string;
  unReplyId: string;
  duplicatePairId: string;
  tokenId: string;
  jobId: string;
  archiveJobId: string;
  importUploadId: string;
  importJobId: string;
  membershipId: string;
  volunteerUserId: string;
  adminEmail: string;
}

/**
 * What group A must get when it uses group B's ids:
 * - notFound: B's id is in the path → 404 (a volunteer without the permission may get 403 first);
 * - refused: B's id is in the body or query of a write → refused (404, 403 or 422), nothing written;
 * - ownOnly: the route or action works on A's own data (lists, searches, creating in A) → whatever
 *   it answers carries none of B's ids and B is unchanged.
 */
type Expectation = "notFound" | "refused" | "ownOnly";

interface RouteProbe {
  expect: Expectation;
  params?: (b: Ids, a: Ids) => Record<string, string>;
  query?: (b: Ids, a: Ids) => string;
  body?: (b: Ids, a: Ids) => unknown;
  /** a multipart upload instead of JSON */
  form?: () => Promise<FormData>;
}

interface ActionProbe {
  expect: Expectation;
  call: (b: Ids, a: Ids, module: Record<string, (...args: never[]) => Promise<unknown>>) => Promise<unknown>;
}

const pngForm = async (): Promise<FormData> => {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 10, g: 90, b: 10 } } }).png().toBuffer();
  const form = new FormData();
  form.set("file", new File([new Uint8Array(png)], "scan.png", { type: "image/png" }));
  return form;
};

const csvForm = async (): Promise<FormData> => {
  const form = new FormData();
  form.set("file", new File([new TextEncoder().encode("Name;Status\nSweep Person;detained\n")], "sweep.csv", { type: "text/csv" }));
  return form;
};

const eventBody = { type: "DETAINED", date: "2018", datePrecision: "YEAR", version: 1 };
const protestBody = { startsAt: "2026-03-01T11:00:00+05:00", city: "Almaty", kind: "PICKET", version: 1 };
const policeBody = (personId: string) => ({ personId, type: "SUMMONS", date: day(-3), version: 1 });
const advocacyBody = { type: "LETTER", date: day(-3), recipient: "Akimat", version: 1 };

/** Route file (under app/api/v1, without /route.ts) → method → probe. One line per method. */
const API_SWEEP: Record<string, Partial<Record<Method, RouteProbe>>> = {
  "advocacy-actions": {
    GET: { expect: "ownOnly", query: (b) => `caseId=${b.caseId}` },
    POST: { expect: "refused", body: (b) => ({ ...advocacyBody, caseId: b.caseId }) },
  },
  "audit-events": { GET: { expect: "ownOnly", query: (b) => `entityId=${b.caseId}` } },
  "audit-events/export": { GET: { expect: "ownOnly", query: (b) => `entityId=${b.caseId}` } },
  "advocacy-actions/awaiting": { GET: { expect: "ownOnly", query: () => "days=0" } },
  // another group's member as the volunteer filter is refused, so nothing of theirs is counted or echoed
  dashboard: { GET: { expect: "ownOnly", query: (b) => `period=year&assignee=${b.volunteerUserId}` } },
  "advocacy-actions/[actionId]": {
    PATCH: { expect: "notFound", params: (b) => ({ actionId: b.advocacyActionId }), body: () => advocacyBody },
    DELETE: { expect: "notFound", params: (b) => ({ actionId: b.advocacyActionId }), query: () => "version=1" },
  },
  "advocacy-actions/[actionId]/response": {
    POST: { expect: "notFound", params: (b) => ({ actionId: b.advocacyActionId }), body: () => ({ version: 1, response: "Forged", responseDate: day(-1) }) },
  },
  "attachments/[attachmentId]": {
    GET: { expect: "notFound", params: (b) => ({ attachmentId: b.attachmentId }) },
    DELETE: { expect: "notFound", params: (b) => ({ attachmentId: b.attachmentId }) },
  },
  cases: {
    GET: { expect: "ownOnly", query: () => "pageSize=100" },
    POST: { expect: "refused", body: (b) => ({ subject: { personId: b.personId } }) },
  },
  "cases/[caseId]": {
    GET: { expect: "notFound", params: (b) => ({ caseId: b.caseId }) },
    PATCH: { expect: "notFound", params: (b) => ({ caseId: b.caseId }), body: () => ({ version: 1, priority: "LOW" }) },
    DELETE: { expect: "notFound", params: (b) => ({ caseId: b.caseId }), query: () => "version=1" },
  },
  "cases/[caseId]/attachments": { POST: { expect: "notFound", params: (b) => ({ caseId: b.caseId }), form: pngForm } },
  "cases/[caseId]/events": {
    GET: { expect: "notFound", params: (b) => ({ caseId: b.caseId }) },
    POST: { expect: "notFound", params: (b) => ({ caseId: b.caseId }), body: () => eventBody },
  },
  "cases/[caseId]/wgeid": { GET: { expect: "notFound", params: (b) => ({ caseId: b.caseId }), query: () => "format=docx" } },
  "cases/[caseId]/wgad": { GET: { expect: "notFound", params: (b) => ({ caseId: b.caseId }) } },
  "cases/[caseId]/un-readiness": { GET: { expect: "notFound", params: (b) => ({ caseId: b.caseId }) } },
  "cases/[caseId]/un-submissions": {
    GET: { expect: "notFound", params: (b) => ({ caseId: b.caseId }) },
    POST: { expect: "notFound", params: (b) => ({ caseId: b.caseId }), body: () => ({ type: "WGEID", submitterName: "Forged" }) },
  },
  "cases/[caseId]/un-submissions/[submissionId]": {
    PATCH: { expect: "notFound", params: (b) => ({ caseId: b.caseId, submissionId: b.unSubmissionId }), body: () => ({ version: 1, unReference: "Forged" }) },
    DELETE: { expect: "notFound", params: (b) => ({ caseId: b.caseId, submissionId: b.unSubmissionId }), query: () => "version=1" },
  },
  "cases/[caseId]/un-submissions/[submissionId]/replies": {
    POST: { expect: "notFound", params: (b) => ({ caseId: b.caseId, submissionId: b.unSubmissionId }), body: () => ({ receivedAt: day(-1) }) },
  },
  "cases/[caseId]/un-submissions/[submissionId]/replies/[replyId]": {
    PATCH: {
      expect: "notFound",
      params: (b) => ({ caseId: b.caseId, submissionId: b.unSubmissionId, replyId: b.unReplyId }),
      body: () => ({ version: 1, answeredAt: day(-1) }),
    },
    DELETE: {
      expect: "notFound",
      params: (b) => ({ caseId: b.caseId, submissionId: b.unSubmissionId, replyId: b.unReplyId }),
      query: () => "version=1",
    },
  },
  "cases/[caseId]/events/[eventId]": {
    PATCH: { expect: "notFound", params: (b) => ({ caseId: b.caseId, eventId: b.eventId }), body: () => eventBody },
    DELETE: { expect: "notFound", params: (b) => ({ caseId: b.caseId, eventId: b.eventId }), query: () => "version=1" },
  },
  me: { GET: { expect: "ownOnly" } },
  people: {
    GET: { expect: "ownOnly", query: () => "pageSize=100" },
    POST: { expect: "ownOnly", body: () => ({ names: [{ value: "Sweep Person" }] }) },
  },
  "people/duplicates": { POST: { expect: "ownOnly", body: () => ({ names: ["Nurlan", "Aigerim", "Qasym"] }) } },
  "people/merges": { POST: { expect: "refused", body: (b, a) => ({ survivorId: a.personId, mergedId: b.personId, reason: "Same person" }) } },
  "people/[personId]": {
    GET: { expect: "notFound", params: (b) => ({ personId: b.personId }) },
    PATCH: { expect: "notFound", params: (b) => ({ personId: b.personId }), body: () => ({ version: 1, ethnicity: "Forged" }) },
    DELETE: { expect: "notFound", params: (b) => ({ personId: b.personId }) },
  },
  "people/[personId]/erasure": {
    POST: { expect: "notFound", params: (b) => ({ personId: b.personId }), body: () => ({ reason: "FAMILY_REQUEST", confirmation: "Anyone", version: 1 }) },
  },
  "people/[personId]/restore": { POST: { expect: "notFound", params: (b) => ({ personId: b.personId }) } },
  "people/[personId]/portrait": {
    GET: { expect: "notFound", params: (b) => ({ personId: b.personId }) },
    PUT: { expect: "notFound", params: (b) => ({ personId: b.personId }), form: pngForm },
    DELETE: { expect: "notFound", params: (b) => ({ personId: b.personId }) },
  },
  "people/[personId]/timeline": { GET: { expect: "notFound", params: (b) => ({ personId: b.personId }) } },
  places: { GET: { expect: "ownOnly", query: () => "q=al" } },
  "police-actions": {
    GET: { expect: "ownOnly", query: (b) => `personId=${b.personId}` },
    POST: { expect: "refused", body: (b) => policeBody(b.personId) },
  },
  "police-actions/upcoming": { GET: { expect: "ownOnly", query: () => "days=365" } },
  "police-actions/[actionId]": {
    GET: { expect: "notFound", params: (b) => ({ actionId: b.policeActionId }) },
    PATCH: { expect: "notFound", params: (b) => ({ actionId: b.policeActionId }), body: (b) => policeBody(b.personId) },
    DELETE: { expect: "notFound", params: (b) => ({ actionId: b.policeActionId }), query: () => "version=1" },
  },
  "police-actions/[actionId]/outcome": {
    POST: { expect: "notFound", params: (b) => ({ actionId: b.policeActionId }), body: () => ({ version: 1, outcome: "WARNING", outcomeDate: day(-1) }) },
  },
  protests: {
    GET: { expect: "ownOnly", query: (b) => `personId=${b.personId}` },
    POST: { expect: "refused", body: (b) => ({ ...protestBody, participants: [{ personId: b.personId }] }) },
  },
  "protests/stats": { GET: { expect: "ownOnly" } },
  "protests/[protestId]": {
    GET: { expect: "notFound", params: (b) => ({ protestId: b.protestId }) },
    PATCH: { expect: "notFound", params: (b) => ({ protestId: b.protestId }), body: () => protestBody },
    DELETE: { expect: "notFound", params: (b) => ({ protestId: b.protestId }), query: () => "version=1" },
  },
  "protests/[protestId]/participants": {
    POST: { expect: "notFound", params: (b) => ({ protestId: b.protestId }), body: (_b, a) => ({ participants: [{ personId: a.personId }] }) },
  },
  "protests/[protestId]/participants/[personId]": {
    DELETE: { expect: "notFound", params: (b) => ({ protestId: b.protestId, personId: b.participantPersonId }) },
  },
  "un-submissions/reminders": { GET: { expect: "ownOnly" } },
  tokens: {
    GET: { expect: "ownOnly" },
    POST: { expect: "ownOnly", body: () => ({ name: "sweep" }) },
  },
  reports: {
    GET: { expect: "refused", query: (b) => `kind=dossier&caseId=${b.caseId}` },
    POST: { expect: "refused", body: (b) => ({ kind: "dossier", caseId: b.caseId }) },
  },
  "reports/jobs": { GET: { expect: "ownOnly" } },
  "reports/jobs/[jobId]": { GET: { expect: "notFound", params: (b) => ({ jobId: b.jobId }) } },
  "reports/jobs/[jobId]/cancel": { POST: { expect: "notFound", params: (b) => ({ jobId: b.jobId }) } },
  "reports/jobs/[jobId]/retry": { POST: { expect: "notFound", params: (b) => ({ jobId: b.jobId }) } },
  "reports/jobs/[jobId]/file": {
    GET: { expect: "notFound", params: (b) => ({ jobId: b.jobId }) },
    POST: { expect: "notFound", params: (b) => ({ jobId: b.jobId }), body: () => ({ zipPassword: "long enough" }) },
  },
  "archive/exports": { GET: { expect: "ownOnly" }, POST: { expect: "ownOnly" } },
  "archive/exports/[jobId]": { GET: { expect: "notFound", params: (b) => ({ jobId: b.archiveJobId }) } },
  // the import always goes into the caller's own organisation: B's id in the body changes nothing (no passphrase: refused)
  "archive/imports": { GET: { expect: "ownOnly" }, POST: { expect: "refused", body: (b) => ({ organizationId: b.orgId }) } },
  "archive/exports/[jobId]/file": { POST: { expect: "notFound", params: (b) => ({ jobId: b.archiveJobId }), body: () => ({ passphrase: "a long enough passphrase" }) } },
  imports: { POST: { expect: "ownOnly", form: csvForm } },
  "imports/[uploadId]/preview": { POST: { expect: "notFound", params: (b) => ({ uploadId: b.importUploadId }), body: () => ({ entity: "people" }) } },
  "imports/[uploadId]/issues": { POST: { expect: "notFound", params: (b) => ({ uploadId: b.importUploadId }), body: () => ({ entity: "people" }) } },
  "imports/[uploadId]/commit": { POST: { expect: "notFound", params: (b) => ({ uploadId: b.importUploadId }), body: () => ({ entity: "people" }) } },
  "imports/jobs/[jobId]": { GET: { expect: "notFound", params: (b) => ({ jobId: b.importJobId }) } },
  "imports/jobs/[jobId]/cancel": { POST: { expect: "notFound", params: (b) => ({ jobId: b.importJobId }) } },
  "imports/jobs/[jobId]/report": { GET: { expect: "notFound", params: (b) => ({ jobId: b.importJobId }) } },
  "imports/templates": {
    GET: { expect: "ownOnly" },
    POST: { expect: "ownOnly", body: () => ({ name: "sweep", entity: "people", columns: { name: "name" } }) },
  },
  "tokens/[tokenId]": { DELETE: { expect: "notFound", params: (b) => ({ tokenId: b.tokenId }) } },
};

type Actions = Record<string, (...args: never[]) => Promise<unknown>>;
const act = (module: Actions, name: string, ...args: unknown[]) => (module[name] as (...a: unknown[]) => Promise<unknown>)(...args);

/** actions file (under app/) → exported action → probe. */
const ACTION_SWEEP: Record<string, Record<string, ActionProbe>> = {
  "(app)/account/actions.ts": {
    // acts on the caller's own account only; a wrong current password is refused
    changePasswordAction: { expect: "refused", call: (_b, _a, m) => act(m, "changePasswordAction", { currentPassword: "wrong password 123", newPassword: "a new long password 2026", newPasswordConfirm: "a new long password 2026" }) },
    // the account actions below take no ids: they act on the caller's own user and session only
    reauthenticateAction: { expect: "refused", call: (_b, _a, m) => act(m, "reauthenticateAction", { password: "wrong password 123" }) },
    beginTwoFactorSetupAction: { expect: "ownOnly", call: (_b, _a, m) => act(m, "beginTwoFactorSetupAction") },
    confirmTwoFactorSetupAction: { expect: "refused", call: (_b, _a, m) => act(m, "confirmTwoFactorSetupAction", { code: "000000" }) },
    turnOffTwoFactorAction: { expect: "refused", call: (_b, _a, m) => act(m, "turnOffTwoFactorAction") },
    newRecoveryCodesAction: { expect: "refused", call: (_b, _a, m) => act(m, "newRecoveryCodesAction") },
    signOutEverywhereAction: { expect: "ownOnly", call: (_b, _a, m) => act(m, "signOutEverywhereAction", { scope: "others" }) },
    // links a provider account to the caller's own user only, and only after a fresh re-authentication
    beginSingleSignOnLinkAction: { expect: "refused", call: (_b, _a, m) => act(m, "beginSingleSignOnLinkAction") },
  },
  "(app)/admin/actions.ts": {
    createInviteAction: { expect: "ownOnly", call: (b, _a, m) => act(m, "createInviteAction", { email: b.adminEmail, role: "VOLUNTEER" }) },
    changeRoleAction: { expect: "refused", call: (b, _a, m) => act(m, "changeRoleAction", { membershipId: b.membershipId, version: 1, role: "ADMIN" }) },
    endMemberSessionsAction: { expect: "notFound", call: (b, _a, m) => act(m, "endMemberSessionsAction", { membershipId: b.membershipId }) },
    setMemberActiveAction: { expect: "refused", call: (b, _a, m) => act(m, "setMemberActiveAction", { membershipId: b.membershipId, version: 1 }, false) },
    createApiTokenAction: { expect: "ownOnly", call: (_b, _a, m) => act(m, "createApiTokenAction", { name: "sweep" }) },
    revokeApiTokenAction: { expect: "refused", call: (b, _a, m) => act(m, "revokeApiTokenAction", { tokenId: b.tokenId }) },
    // changes the caller's own organisation only; a stale version is refused
    updateSettingsAction: { expect: "refused", call: (_b, _a, m) => act(m, "updateSettingsAction", { version: 999, defaultLocale: "kk", require2fa: false }) },
  },
  "(app)/cases/actions.ts": {
    createCaseAction: { expect: "refused", call: (b, _a, m) => act(m, "createCaseAction", { subject: { personId: b.personId } }) },
    updateCaseAction: { expect: "notFound", call: (b, _a, m) => act(m, "updateCaseAction", b.caseId, { version: 1, priority: "LOW" }) },
    assignCaseAction: { expect: "notFound", call: (b, _a, m) => act(m, "assignCaseAction", b.caseId, { version: 1, assignedToId: null }) },
    setStatusOverrideAction: { expect: "notFound", call: (b, _a, m) => act(m, "setStatusOverrideAction", b.caseId, { version: 1, status: "RELEASED_IN_CHINA" }) },
    deleteCaseAction: { expect: "notFound", call: (b, _a, m) => act(m, "deleteCaseAction", b.caseId, { version: 1 }) },
    restoreCaseAction: { expect: "notFound", call: (b, _a, m) => act(m, "restoreCaseAction", b.caseId) },
    addEventAction: { expect: "notFound", call: (b, _a, m) => act(m, "addEventAction", b.caseId, eventBody) },
    updateEventAction: { expect: "notFound", call: (b, _a, m) => act(m, "updateEventAction", b.caseId, b.eventId, eventBody) },
    deleteEventAction: { expect: "notFound", call: (b, _a, m) => act(m, "deleteEventAction", b.caseId, b.eventId, { version: 1 }) },
    addContactAction: { expect: "notFound", call: (b, a, m) => act(m, "addContactAction", b.caseId, { personId: a.personId, relationship: "BROTHER" }) },
    removeContactAction: { expect: "notFound", call: (b, _a, m) => act(m, "removeContactAction", b.caseId, b.contactId) },
    addNoteAction: { expect: "notFound", call: (b, _a, m) => act(m, "addNoteAction", b.caseId, { body: "Forged note" }) },
    deleteNoteAction: { expect: "notFound", call: (b, _a, m) => act(m, "deleteNoteAction", b.caseId, b.noteId, { version: 1 }) },
    createTaskAction: { expect: "notFound", call: (b, _a, m) => act(m, "createTaskAction", b.caseId, { title: "Forged task", dueDate: day(3) }) },
    completeTaskAction: { expect: "notFound", call: (b, _a, m) => act(m, "completeTaskAction", b.caseId, b.taskId, { version: 1 }) },
    addSourceAction: { expect: "notFound", call: (b, _a, m) => act(m, "addSourceAction", b.caseId, { kind: "MEDIA_REPORT", title: "Forged source" }) },
    removeSourceLinkAction: { expect: "notFound", call: (b, _a, m) => act(m, "removeSourceLinkAction", b.caseId, b.sourceLinkId) },
    deleteAttachmentAction: { expect: "notFound", call: (b, _a, m) => act(m, "deleteAttachmentAction", b.caseId, b.attachmentId) },
    addAdvocacyActionAction: { expect: "notFound", call: (b, _a, m) => act(m, "addAdvocacyActionAction", b.caseId, advocacyBody) },
    // group A's own case with group B's advocacy action, and B's id smuggled in the form: not found
    recordAdvocacyResponseAction: { expect: "notFound", call: (b, a, m) => act(m, "recordAdvocacyResponseAction", a.caseId, b.advocacyActionId, { version: 1, response: "Forged", responseDate: day(-1) }) },
  },
  "(app)/cases/[caseId]/actions.ts": {
    // group A's own case with group B's submission, and B's case outright: both not found
    createUnSubmissionAction: { expect: "notFound", call: (b, _a, m) => act(m, "createUnSubmissionAction", b.caseId, { type: "WGEID", submitterName: "Forged" }) },
    updateUnSubmissionAction: { expect: "notFound", call: (b, a, m) => act(m, "updateUnSubmissionAction", a.caseId, b.unSubmissionId, { version: 1, unReference: "Forged" }) },
    addUnReplyAction: { expect: "notFound", call: (b, _a, m) => act(m, "addUnReplyAction", b.caseId, b.unSubmissionId, { receivedAt: day(-1) }) },
    answerUnReplyAction: { expect: "notFound", call: (b, a, m) => act(m, "answerUnReplyAction", a.caseId, b.unSubmissionId, b.unReplyId, { version: 1, answeredAt: day(-1) }) },
    deleteUnSubmissionAction: { expect: "notFound", call: (b, a, m) => act(m, "deleteUnSubmissionAction", a.caseId, b.unSubmissionId, { version: 1 }) },
    deleteUnReplyAction: { expect: "notFound", call: (b, _a, m) => act(m, "deleteUnReplyAction", b.caseId, b.unSubmissionId, b.unReplyId, { version: 1 }) },
  },
  "(app)/people/actions.ts": {
    createPersonAction: { expect: "ownOnly", call: (_b, _a, m) => act(m, "createPersonAction", { names: [{ value: "Sweep Action Person" }] }) },
    updatePersonAction: { expect: "notFound", call: (b, _a, m) => act(m, "updatePersonAction", b.personId, { version: 1, ethnicity: "Forged" }) },
    deletePersonAction: { expect: "notFound", call: (b, _a, m) => act(m, "deletePersonAction", b.personId) },
    restorePersonAction: { expect: "notFound", call: (b, _a, m) => act(m, "restorePersonAction", b.personId) },
    mergePeopleAction: { expect: "refused", call: (b, a, m) => act(m, "mergePeopleAction", { survivorId: a.personId, mergedId: b.personId, reason: "Same" }) },
    reviewDuplicatePairAction: { expect: "notFound", call: (b, _a, m) => act(m, "reviewDuplicatePairAction", b.duplicatePairId) },
    findDuplicatesAction: { expect: "ownOnly", call: (_b, _a, m) => act(m, "findDuplicatesAction", { names: ["Nurlan", "Aigerim", "Qasym"] }) },
    searchPeopleAction: { expect: "ownOnly", call: (_b, _a, m) => act(m, "searchPeopleAction", "a") },
    quickCreatePersonAction: { expect: "ownOnly", call: (_b, _a, m) => act(m, "quickCreatePersonAction", "Sweep Quick Person") },
    searchPlacesAction: { expect: "ownOnly", call: (_b, _a, m) => act(m, "searchPlacesAction", "al") },
    placeForDivisionCodeAction: { expect: "ownOnly", call: (_b, _a, m) => act(m, "placeForDivisionCodeAction", "654002") },
  },
  "(app)/people/[personId]/actions.ts": {
    erasePersonAction: { expect: "notFound", call: (b, _a, m) => act(m, "erasePersonAction", b.personId, { reason: "FAMILY_REQUEST", confirmation: "Anyone", version: 1 }) },
  },
  "(app)/police-actions/actions.ts": {
    createPoliceActionAction: { expect: "refused", call: (b, _a, m) => act(m, "createPoliceActionAction", policeBody(b.personId)) },
    updatePoliceActionAction: { expect: "notFound", call: (b, _a, m) => act(m, "updatePoliceActionAction", b.policeActionId, policeBody(b.personId)) },
    recordOutcomeAction: { expect: "notFound", call: (b, _a, m) => act(m, "recordOutcomeAction", b.policeActionId, { version: 1, outcome: "WARNING", outcomeDate: day(-1) }) },
    deletePoliceActionAction: { expect: "notFound", call: (b, _a, m) => act(m, "deletePoliceActionAction", b.policeActionId, 1) },
  },
  "(app)/protests/actions.ts": {
    createProtestAction: { expect: "refused", call: (b, _a, m) => act(m, "createProtestAction", { ...protestBody, participants: [{ personId: b.personId }] }) },
    updateProtestAction: { expect: "notFound", call: (b, _a, m) => act(m, "updateProtestAction", b.protestId, protestBody) },
    addParticipantsAction: { expect: "notFound", call: (b, a, m) => act(m, "addParticipantsAction", b.protestId, [{ personId: a.personId }]) },
    removeParticipantAction: { expect: "notFound", call: (b, _a, m) => act(m, "removeParticipantAction", b.protestId, b.participantPersonId) },
    deleteProtestAction: { expect: "notFound", call: (b, _a, m) => act(m, "deleteProtestAction", b.protestId, 1) },
    relativeCasesAction: { expect: "ownOnly", call: (b, _a, m) => act(m, "relativeCasesAction", b.personId) },
  },
  "(auth)/actions.ts": {
    // (signing in, the second step and signing out go through next-auth's routes: see auth-next-auth.test.ts)
    acceptInviteAction: { expect: "refused", call: (_b, _a, m) => act(m, "acceptInviteAction", { token: "A".repeat(43), name: "Guess", password: "a guessed long password", passwordConfirm: "a guessed long password" }) },
    // takes an e-mail, not ids; answers the same whoever it belongs to, and shows no link
    requestPasswordResetAction: { expect: "ownOnly", call: (b, _a, m) => act(m, "requestPasswordResetAction", { email: b.adminEmail }) },
    switchOrganizationAction: { expect: "notFound", call: (b, _a, m) => act(m, "switchOrganizationAction", { organizationId: b.orgId }) },
    // takes a language only; it sets the caller's own cookie and user record
    setLocaleAction: { expect: "ownOnly", call: (_b, _a, m) => act(m, "setLocaleAction", { locale: "ru" }) },
  },
};

// ─── the two groups ───────────────────────────────────────────────────────────────────────────────

async function one(sql: string, params: unknown[]): Promise<string> {
  const rows = await ownerQuery<{ id: string }>(sql, params);
  if (!rows[0]) throw new Error(`the sweep's data is missing a row for: ${sql}`);
  return rows[0].id;
}

async function member(orgId: string, role: Role): Promise<Ctx & { email: string }> {
  const rows = await ownerQuery<{ userId: string; email: string }>(
    `SELECT m."userId", u.email FROM memberships m JOIN users u ON u.id = m."userId"
      WHERE m."organizationId" = $1 AND m.role = $2 AND u.email NOT LIKE 'both@%' ORDER BY u.email LIMIT 1`,
    [orgId, role],
  );
  const row = rows[0]!;
  return { userId: row.userId, organizationId: orgId, role, email: row.email };
}

/** Adds what the demo seed leaves out (a file, an API token, an invite), then collects one id of each kind. */
async function prepareOrg(slug: string): Promise<{ ids: Ids; admin: Ctx; volunteer: Ctx }> {
  const orgId = await one(`SELECT id FROM organizations WHERE slug = $1`, [slug]);
  const admin = await member(orgId, "ADMIN");
  const volunteer = await member(orgId, "VOLUNTEER");
  const caseId = await one(
    `SELECT c.id FROM cases c WHERE c."organizationId" = $1 AND c."deletedAt" IS NULL
        AND EXISTS (SELECT 1 FROM case_events e WHERE e."caseId" = c.id)
        AND EXISTS (SELECT 1 FROM case_contacts x WHERE x."caseId" = c.id)
      ORDER BY (SELECT count(*) FROM notes n WHERE n."caseId" = c.id) + (SELECT count(*) FROM tasks t WHERE t."caseId" = c.id)
             + (SELECT count(*) FROM source_links s WHERE s."caseId" = c.id) DESC, c.id LIMIT 1`,
    [orgId],
  );
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 1, g: 2, b: 3 } } }).png().toBuffer();
  const attachment = (await uploadAttachment(admin, { caseId, fileName: "testimony.png", bytes: png })) as { id: string };
  await setPortrait(admin, await one(`SELECT "subjectPersonId" AS id FROM cases WHERE id = $1`, [caseId]), { fileName: "portrait.png", bytes: png });
  const token = await createApiToken(admin, { name: "their script" });
  const job = await enqueueJob(admin, { kind: "report", payload: { kind: "statistics", format: "csv" }, total: 1 });
  const importUpload = await uploadImport(admin, { fileName: "theirs.csv", bytes: Buffer.from("Name;Gender\nTheir Imported Person;F\n") });
  const archiveJob = await enqueueJob(admin, { kind: "archive", payload: {} });
  const importJob = await requestImport(admin, { uploadId: importUpload.id, entity: "people" });
  await runQueuedJobsOnce();
  await createInvite(admin, { email: `invited-${slug}@example.test`, role: "VOLUNTEER" });
  const protestId = await one(
    `SELECT p.id FROM protests p WHERE p."organizationId" = $1 AND p."deletedAt" IS NULL
        AND EXISTS (SELECT 1 FROM protest_participations x WHERE x."protestId" = p.id) ORDER BY p.id LIMIT 1`,
    [orgId],
  );
  // the case holds every UN submission element, so the draft routes answer 200 to its own group
  await ownerQuery(`UPDATE cases SET "consentGivenBy" = 'Family', "consentGivenAt" = '2026-01-01', "consentScope" = 'UN' WHERE id = $1`, [caseId]);
  await ownerQuery(`UPDATE people SET "hometownText" = coalesce("hometownText", 'Ghulja') WHERE id = (SELECT "subjectPersonId" FROM cases WHERE id = $1)`, [caseId]);
  await ownerQuery(
    `INSERT INTO case_events ("organizationId", "caseId", type, date, "datePrecision", "placeText", facility, authority, "warrantShown", "updatedAt")
     VALUES ($1, $2, 'DETAINED', '1990-01-02', 'DAY', 'Ghulja', 'Detention centre', 'Public Security Bureau', 'NO', now())`,
    [orgId, caseId],
  );
  await ownerQuery(
    `INSERT INTO advocacy_actions ("organizationId", "caseId", type, date, recipient, "updatedAt") VALUES ($1, $2, 'LETTER', '2026-01-05', 'Akimat', now())`,
    [orgId, caseId],
  );
  await createUnSubmission(admin, caseId, { type: "WGAD", submitterName: "Their submitter", arbitraryCategories: ["I"], arbitraryReasons: "No legal basis" });
  const unSubmission = await createUnSubmission(admin, caseId, { type: "WGEID", submitterName: "Their submitter" });
  const unReply = await addUnReply(admin, caseId, unSubmission.id, { receivedAt: day(-30), summary: "Their reply" });
  const subjectId = await one(`SELECT "subjectPersonId" AS id FROM cases WHERE id = $1`, [caseId]);
  const participantPersonId = await one(`SELECT "personId" AS id FROM protest_participations WHERE "protestId" = $1 ORDER BY id LIMIT 1`, [protestId]);
  const duplicatePairId = await one(
    `INSERT INTO person_duplicate_pairs ("organizationId", "personAId", "personBId", score)
     SELECT $1, LEAST($2::uuid, $3::uuid), GREATEST($2::uuid, $3::uuid), 0.9
     ON CONFLICT ("organizationId", "personAId", "personBId") DO UPDATE SET score = 0.9 RETURNING id`,
    [orgId, subjectId, participantPersonId],
  );
  const ids: Ids = {
    orgId,
    caseId,
    personId: subjectId,
    eventId: await one(`SELECT id FROM case_events WHERE "caseId" = $1 ORDER BY id LIMIT 1`, [caseId]),
    noteId: await one(`SELECT id FROM notes WHERE "organizationId" = $1 AND "caseId" IS NOT NULL ORDER BY ("caseId" = $2) DESC, id LIMIT 1`, [orgId, caseId]),
    taskId: await one(`SELECT id FROM tasks WHERE "organizationId" = $1 AND "caseId" IS NOT NULL ORDER BY ("caseId" = $2) DESC, id LIMIT 1`, [orgId, caseId]),
    contactId: await one(`SELECT id FROM case_contacts WHERE "caseId" = $1 ORDER BY id LIMIT 1`, [caseId]),
    sourceLinkId: await one(`SELECT id FROM source_links WHERE "organizationId" = $1 AND "caseId" IS NOT NULL ORDER BY ("caseId" = $2) DESC, id LIMIT 1`, [orgId, caseId]),
    attachmentId: attachment.id,
    protestId,
    participantPersonId,
    policeActionId: await one(`SELECT id FROM police_actions WHERE "organizationId" = $1 AND "deletedAt" IS NULL ORDER BY id LIMIT 1`, [orgId]),
    advocacyActionId: await one(`SELECT id FROM advocacy_actions WHERE "organizationId" = $1 AND "deletedAt" IS NULL ORDER BY id LIMIT 1`, [orgId]),
    unSubmissionId: unSubmission.id,
    unReplyId: unReply.id,
    duplicatePairId,
    tokenId: token.id,
    jobId: job.id,
    archiveJobId: archiveJob.id,
    importUploadId: importUpload.id,
    importJobId: importJob.id,
    membershipId: await one(`SELECT id FROM memberships WHERE "organizationId" = $1 AND "userId" = $2`, [orgId, volunteer.userId]),
    volunteerUserId: volunteer.userId,
    adminEmail: admin.email,
  };
  return { ids, admin, volunteer };
}

/** Every id of group B's own records: none of them may appear in anything group A is answered. */
async function foreignIds(orgId: string): Promise<Set<string>> {
  const tables = await ownerQuery<{ table_name: string }>(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.columns i ON i.table_schema = c.table_schema AND i.table_name = c.table_name AND i.column_name = 'id'
      WHERE c.table_schema = 'public' AND c.column_name = 'organizationId' AND c.table_name NOT IN ('memberships', 'user_sessions', 'audit_events')`,
  );
  const ids = new Set<string>([orgId]);
  for (const { table_name } of tables) {
    for (const row of await ownerQuery<{ id: string }>(`SELECT id::text FROM "${table_name}" WHERE "organizationId" = $1`, [orgId])) ids.add(row.id);
  }
  return ids;
}

// ─── enumerating what exists ──────────────────────────────────────────────────────────────────────

// routeFiles() and actionFiles() come from tests/helpers/app-surface.ts

// ─── the sweep ────────────────────────────────────────────────────────────────────────────────────

let A: Ids;
let B: Ids;
let bIds: Set<string>;
const actors = {} as Record<"admin" | "volunteer", { ctx: Ctx; cookie: string }>;

beforeAll(async () => {
  process.env.QAMQOR_DATA_DIR = await mkdtemp(path.join(os.tmpdir(), "qamqor-sweep-"));
  resetEnvCache();
  await seedDemo(process.env.DATABASE_URL as string);
  const a = await prepareOrg("atazhurt-demo");
  const b = await prepareOrg("naghyz-demo");
  A = a.ids;
  B = b.ids;
  bIds = await foreignIds(B.orgId);
  for (const [name, ctx] of [["admin", a.admin], ["volunteer", a.volunteer]] as const) {
    const { sessionId } = await createSession({ userId: ctx.userId, organizationId: ctx.organizationId });
    actors[name] = { ctx, cookie: await sessionCookieValue(sessionId) };
  }
}, 180_000);

function leakedIds(text: string): string[] {
  return [...new Set(text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [])].filter((id) => bIds.has(id.toLowerCase()));
}

describe("the sweep covers everything", () => {
  it("has an entry for every method of every route under app/api/v1", async () => {
    const missing = (await routeFiles()).flatMap(({ key, methods }) => methods.filter((m) => !API_SWEEP[key]?.[m]).map((m) => `${m} app/api/v1/${key}/route.ts`));
    expect(missing, `add these to API_SWEEP in tests/integration/cross-org-sweep.test.ts:\n  ${missing.join("\n  ")}`).toEqual([]);
  });

  it("has an entry for every exported function of every app/**/actions.ts", async () => {
    const missing = (await actionFiles()).flatMap(({ key, actions }) => actions.filter((name) => !ACTION_SWEEP[key]?.[name]).map((name) => `${name} in app/${key}`));
    expect(missing, `add these to ACTION_SWEEP in tests/integration/cross-org-sweep.test.ts:\n  ${missing.join("\n  ")}`).toEqual([]);
  });

  it("has no entry for a route, method or action that no longer exists", async () => {
    const routes = new Map((await routeFiles()).map((r) => [r.key, r.methods]));
    const actions = new Map((await actionFiles()).map((f) => [f.key, f.actions]));
    const stale = [
      ...Object.entries(API_SWEEP).flatMap(([key, probes]) => Object.keys(probes).filter((m) => !routes.get(key)?.includes(m as Method)).map((m) => `${m} ${key}`)),
      ...Object.entries(ACTION_SWEEP).flatMap(([key, probes]) => Object.keys(probes).filter((name) => !actions.get(key)?.includes(name)).map((name) => `${name} in ${key}`)),
    ];
    expect(stale).toEqual([]);
  });
});

const ROUTE_CASES = Object.entries(API_SWEEP).flatMap(([key, probes]) => Object.entries(probes).map(([method, probe]) => ({ key, method: method as Method, probe: probe! })));
const ACTION_CASES = Object.entries(ACTION_SWEEP).flatMap(([file, probes]) => Object.entries(probes).map(([name, probe]) => ({ file, name, probe })));

/** Calls the route as the member with `cookie`, with B's ids — or, for the control, A's own (`target`). */
async function callRoute(key: string, method: Method, probe: RouteProbe, cookie: string, target: Ids = B): Promise<Response> {
  const routeModule = (await import(path.join(ROOT, "app/api/v1", key, "route.ts"))) as Record<string, (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>>;
  const params = probe.params?.(target, A) ?? {};
  const url = `${BASE}/api/v1/${key.replace(/\[(\w+)\]/g, (_, name: string) => params[name] ?? name)}${probe.query ? `?${probe.query(target, A)}` : ""}`;
  const headers = new Headers({ cookie: `${SESSION_COOKIE}=${cookie}`, origin: BASE });
  let body: BodyInit | undefined;
  if (probe.form) body = await probe.form();
  else if (probe.body) {
    body = JSON.stringify(probe.body(target, A));
    headers.set("content-type", "application/json");
  }
  return routeModule[method]!(new Request(url, { method, headers, body }), { params: Promise.resolve(params) });
}

/** The action's outcome as a user would see it: its result, or where it navigated to. */
async function callAction(file: string, probe: ActionProbe, cookie: string): Promise<{ ok?: boolean; error?: { code: string }; redirectedTo?: string; raw: unknown }> {
  const actionsModule = (await import(path.join(ROOT, "app", file))) as Actions;
  request.cookie = cookie;
  try {
    const result = (await probe.call(B, A, actionsModule)) as { ok?: boolean; error?: { code: string } } | undefined;
    return { ...(result ?? {}), raw: result };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return { redirectedTo: digest.split(";")[2], raw: digest };
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return { ok: false, error: { code: "NOT_FOUND" }, raw: digest };
    throw error;
  } finally {
    request.cookie = "";
  }
}

for (const who of ["admin", "volunteer"] as const) {
  describe(`${who === "admin" ? "an admin" : "a volunteer"} of group A using group B's ids`, () => {
    it.each(ROUTE_CASES.map((c) => [`${c.method} /api/v1/${c.key}`, c] as const))("%s", async (_name, { key, method, probe }) => {
      const beforeB = await orgSnapshot(B.orgId);
      const beforeA = probe.expect === "ownOnly" ? undefined : await orgSnapshot(A.orgId);
      const response = await callRoute(key, method, probe, actors[who].cookie);
      const text = await response.text();
      const allowed: Record<Expectation, number[]> = {
        notFound: who === "admin" ? [404] : [403, 404],
        refused: [403, 404, 422],
        ownOnly: [200, 201, 204, 403, 404],
      };
      expect(allowed[probe.expect], `status ${response.status}: ${text.slice(0, 300)}`).toContain(response.status);
      expect(leakedIds(text)).toEqual([]);
      expect(await orgSnapshot(B.orgId)).toEqual(beforeB);
      if (beforeA) expect(await orgSnapshot(A.orgId)).toEqual(beforeA);
    });

    it.each(ACTION_CASES.map((c) => [`${c.name} (app/${c.file})`, c] as const))("%s", async (_name, { file, probe }) => {
      const cookie = actors[who].cookie;
      const beforeB = await orgSnapshot(B.orgId);
      const beforeA = probe.expect === "ownOnly" ? undefined : await orgSnapshot(A.orgId);
      const outcome = await callAction(file, probe, cookie);
      const shown = JSON.stringify(outcome.raw ?? null);
      if (probe.expect === "notFound") {
        expect(outcome.ok, shown).toBe(false);
        expect(who === "admin" ? ["NOT_FOUND"] : ["NOT_FOUND", "FORBIDDEN"], shown).toContain(outcome.error?.code);
      } else if (probe.expect === "refused") {
        expect(outcome.ok, shown).toBe(false);
      }
      expect(leakedIds(shown)).toEqual([]);
      expect(await orgSnapshot(B.orgId)).toEqual(beforeB);
      if (beforeA) expect(await orgSnapshot(A.orgId)).toEqual(beforeA);
    });
  });
}

describe("the probes themselves", () => {
  // A 404 above means isolation only if the same request with one's own ids works: it does.
  it.each(ROUTE_CASES.filter((c) => c.method === "GET" && c.probe.expect === "notFound").map((c) => [`GET /api/v1/${c.key}`, c] as const))(
    "%s with group A's own ids answers 200 to its admin",
    async (_name, { key, method, probe }) => {
      const response = await callRoute(key, method, probe, actors.admin.cookie, A);
      expect(response.status, (await response.clone().text()).slice(0, 300)).toBe(200);
    },
  );
});

// ─── a member of both groups ──────────────────────────────────────────────────────────────────────
// The demo's both@demo.example is a volunteer in A and a coordinator in B. Whatever A's admin does to
// them acts on their place in A only: their session and API token in B keep working, B's rows are as before.
describe("a member of both groups, under each admin action of group A", () => {
  let shared: { userId: string; membershipA: string; membershipB: string; email: string };
  let sessionB: string;
  let tokenB: { id: string; token: string };

  const me = async (headers: Record<string, string>) => {
    const routeModule = (await import(path.join(ROOT, "app/api/v1/me/route.ts"))) as Record<string, (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>>;
    const response = await routeModule.GET!(new Request(`${BASE}/api/v1/me`, { headers }), { params: Promise.resolve({}) });
    return { status: response.status, body: response.status === 200 ? ((await response.json()) as { organizationId: string; role: string }) : null };
  };
  const viaSession = async (sessionId: string) => me({ cookie: `${SESSION_COOKIE}=${await sessionCookieValue(sessionId)}` });
  const viaToken = () => me({ authorization: `Bearer ${tokenB.token}` });
  const adminAction = (name: string, ...args: unknown[]) =>
    callAction("(app)/admin/actions.ts", { expect: "ownOnly", call: (_b, _a, m) => act(m, name, ...args) }, actors.admin.cookie);

  /** B's rows unchanged, and the shared member still acts in B as a coordinator, by session and by token. */
  async function stillWholeInB(beforeB: Record<string, string>) {
    expect(await orgSnapshot(B.orgId)).toEqual(beforeB);
    expect(await viaSession(sessionB)).toEqual({ status: 200, body: { userId: shared.userId, organizationId: B.orgId, role: "COORDINATOR" } });
    expect((await viaToken()).body).toMatchObject({ organizationId: B.orgId, role: "COORDINATOR" });
  }

  beforeAll(async () => {
    const [row] = await ownerQuery<{ userId: string; a: string; b: string; email: string }>(
      `SELECT u.id AS "userId", u.email, ma.id AS a, mb.id AS b FROM users u
         JOIN memberships ma ON ma."userId" = u.id AND ma."organizationId" = $1
         JOIN memberships mb ON mb."userId" = u.id AND mb."organizationId" = $2
        WHERE u.email = 'both@demo.example'`,
      [A.orgId, B.orgId],
    );
    shared = { userId: row!.userId, membershipA: row!.a, membershipB: row!.b, email: row!.email };
    sessionB = (await createSession({ userId: shared.userId, organizationId: B.orgId })).sessionId;
    const token = `qmq_${"b".repeat(43)}`;
    const [inserted] = await ownerQuery<{ id: string }>(
      `INSERT INTO api_tokens ("organizationId", "userId", name, "tokenHash") VALUES ($1, $2, 'their own script', $3) RETURNING id`,
      [B.orgId, shared.userId, hashApiToken(token)],
    );
    tokenB = { id: inserted!.id, token };
  });

  const version = async (membershipId: string) =>
    (await ownerQuery<{ version: number }>(`SELECT version FROM memberships WHERE id = $1`, [membershipId]))[0]!.version;

  it("invite: A's invite for their address is refused as already a member, and nothing in B changes", async () => {
    const beforeB = await orgSnapshot(B.orgId);
    const outcome = await adminAction("createInviteAction", { email: shared.email, role: "ADMIN", kind: "INVITE" });
    expect(outcome.error?.code).toBe("CONFLICT");
    await stillWholeInB(beforeB);
  });

  it("password reset: A's admin never gets a link to their account (no e-mail here, so it is refused)", async () => {
    const beforeB = await orgSnapshot(B.orgId);
    const outcome = await adminAction("createInviteAction", { email: shared.email, role: "VOLUNTEER", kind: "PASSWORD_RESET" });
    expect(outcome.ok).toBe(false);
    expect(JSON.stringify(outcome.raw)).not.toContain("/invite/");
    await stillWholeInB(beforeB);
  });

  it("role change: a new role in A leaves their role in B alone", async () => {
    const beforeB = await orgSnapshot(B.orgId);
    expect((await adminAction("changeRoleAction", { membershipId: shared.membershipA, version: await version(shared.membershipA), role: "ANALYST" })).ok).toBe(true);
    await stillWholeInB(beforeB);
    expect((await adminAction("changeRoleAction", { membershipId: shared.membershipA, version: await version(shared.membershipA), role: "VOLUNTEER" })).ok).toBe(true);
  });

  it("deactivation: A closes to them, their session and token in B go on", async () => {
    const sessionA = (await createSession({ userId: shared.userId, organizationId: A.orgId })).sessionId;
    const beforeB = await orgSnapshot(B.orgId);
    expect((await adminAction("setMemberActiveAction", { membershipId: shared.membershipA, version: await version(shared.membershipA) }, false)).ok).toBe(true);
    expect((await viaSession(sessionA)).status).toBe(401);
    await stillWholeInB(beforeB);
    expect((await adminAction("setMemberActiveAction", { membershipId: shared.membershipA, version: await version(shared.membershipA) }, true)).ok).toBe(true);
    // reactivated, but the session that was open in B before cannot switch back into A
    await expect(switchOrganization(sessionB, A.orgId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("end sessions: their sessions in A end, their session in B goes on and cannot switch into A", async () => {
    const sessionA = (await createSession({ userId: shared.userId, organizationId: A.orgId })).sessionId;
    const beforeB = await orgSnapshot(B.orgId);
    expect((await adminAction("endMemberSessionsAction", { membershipId: shared.membershipA })).ok).toBe(true);
    expect((await viaSession(sessionA)).status).toBe(401);
    await stillWholeInB(beforeB);
    await expect(switchOrganization(sessionB, A.orgId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // a new sign-in may act in A again
    const fresh = (await createSession({ userId: shared.userId, organizationId: A.orgId })).sessionId;
    expect((await viaSession(fresh)).body).toMatchObject({ organizationId: A.orgId });
  });

  it("API tokens: A's admin cannot revoke their token in B, nor list it", async () => {
    const beforeB = await orgSnapshot(B.orgId);
    expect((await adminAction("revokeApiTokenAction", { tokenId: tokenB.id })).error?.code).toBe("NOT_FOUND");
    const listing = await callRoute("tokens", "GET", { expect: "ownOnly" }, actors.admin.cookie);
    expect(await listing.text()).not.toContain(tokenB.id);
    await stillWholeInB(beforeB);
  });
});
