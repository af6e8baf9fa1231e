// The one policy module: which role may do what, and the scopes every query uses, so that a record
// one may not see is simply not found.
import type { Role } from "./generated/prisma/enums";
import { forbidden } from "./errors";

/** Who is acting, for which organisation. Built per request from the session (lib/auth) and passed to every service. */
export interface Ctx {
  userId: string;
  organizationId: string;
  role: Role;
  /** for the audit log: hashed client address, when known */
  ipHash?: string | null;
}

export const ROLES = ["ADMIN", "COORDINATOR", "VOLUNTEER", "ANALYST"] as const satisfies readonly Role[];

interface PermissionSpec {
  roles: readonly Role[];
  description: string;
}

/**
 * Every named action. The README's role table is checked against this table by a test
 * (tests/integration/readme-roles.test.ts), so keep both in step.
 */
export const PERMISSIONS = {
  "cases.read": {
    roles: ["ADMIN", "COORDINATOR", "VOLUNTEER"],
    description: "See cases and their timelines (volunteers: all cases of the organisation, contact details only on their own)",
  },
  "cases.create": { roles: ["ADMIN", "COORDINATOR", "VOLUNTEER"], description: "Open a case" },
  "cases.update": {
    roles: ["ADMIN", "COORDINATOR", "VOLUNTEER"],
    description: "Edit a case and its timeline (volunteers: only cases assigned to or created by them)",
  },
  "cases.updateAny": { roles: ["ADMIN", "COORDINATOR"], description: "Edit any case, reassign, override status" },
  "cases.delete": { roles: ["ADMIN", "COORDINATOR"], description: "Delete a case (soft, can be restored) and restore it" },
  "people.read": { roles: ["ADMIN", "COORDINATOR", "VOLUNTEER"], description: "See people's names and records" },
  "people.write": { roles: ["ADMIN", "COORDINATOR", "VOLUNTEER"], description: "Create and edit people" },
  "people.delete": { roles: ["ADMIN", "COORDINATOR"], description: "Delete a person (soft, can be restored) and restore them" },
  "people.merge": { roles: ["ADMIN", "COORDINATOR"], description: "Merge two records of the same person" },
  "people.erase": { roles: ["ADMIN", "COORDINATOR"], description: "Erase a person on the family's request" },
  "contacts.read": {
    roles: ["ADMIN", "COORDINATOR", "VOLUNTEER"],
    description: "See contact details (volunteers: only on their own cases)",
  },
  "protests.read": { roles: ["ADMIN", "COORDINATOR", "VOLUNTEER"], description: "See protests and participants" },
  "protests.write": { roles: ["ADMIN", "COORDINATOR", "VOLUNTEER"], description: "Record protests and police actions" },
  "protests.updateAny": { roles: ["ADMIN", "COORDINATOR"], description: "Edit any protest or police action" },
  "stats.read": {
    roles: ["ADMIN", "COORDINATOR", "ANALYST"],
    description: "See aggregate, anonymised statistics and the dashboard",
  },
  "stats.exact": {
    roles: ["ADMIN", "COORDINATOR"],
    description: "See exact counts on the dashboard and in statistics (others see counts below the organisation's threshold as “fewer than N”)",
  },
  "reports.export": { roles: ["ADMIN", "COORDINATOR"], description: "Generate and download identifying reports and exports" },
  "reports.anonymised": {
    roles: ["ADMIN", "COORDINATOR", "ANALYST"],
    description: "Generate anonymised reports (public cases by name, others pseudonymised)",
  },
  "unSubmissions.manage": {
    roles: ["ADMIN", "COORDINATOR"],
    description: "Generate UN submission drafts (WGEID, WGAD) and keep their follow-up log",
  },
  "imports.run": {
    roles: ["ADMIN", "COORDINATOR"],
    description: "Import people, cases, timeline events, protests and police actions from spreadsheets (CSV, XLSX) after a preview, and save column mappings as templates",
  },
  "archive.export": {
    roles: ["ADMIN"],
    description: "Export the whole organisation (records, files, members, audit log) as an encrypted archive to move it to another installation",
  },
  "archive.import": {
    roles: ["ADMIN"],
    description: "Import an organisation archive from another installation into this organisation while it holds no records",
  },
  "audit.readCase": { roles: ["ADMIN", "COORDINATOR"], description: "See who viewed or changed a case" },
  "audit.read": { roles: ["ADMIN"], description: "Browse and export the organisation's audit log" },
  "users.manage": { roles: ["ADMIN"], description: "Invite members, change roles, deactivate and reactivate, end sessions" },
  "org.manage": { roles: ["ADMIN"], description: "Change organisation settings (default language, two-factor rule)" },
  "tokens.manage": { roles: ["ADMIN"], description: "Issue and revoke personal API tokens" },
} as const satisfies Record<string, PermissionSpec>;

export type Permission = keyof typeof PERMISSIONS;

export function can(ctx: Pick<Ctx, "role">, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(ctx.role);
}

/** Throws FORBIDDEN unless the acting role holds `permission`. */
export function authorize(ctx: Pick<Ctx, "role">, permission: Permission): void {
  if (!can(ctx, permission)) throw forbidden();
}

/** True when a volunteer is bound to this case (assigned or creator): they may edit it and see its contacts. */
export function isOwnCase(ctx: Pick<Ctx, "userId">, record: { assignedToId: string | null; createdById: string | null }): boolean {
  return record.assignedToId === ctx.userId || record.createdById === ctx.userId;
}

/** The pair of permissions behind "may edit my own": `own` for one's own records, `any` for everyone's. */
export interface EditRule {
  own: Permission;
  any: Permission;
}

export const CASE_EDIT: EditRule = { own: "cases.update", any: "cases.updateAny" };
export const PROTEST_EDIT: EditRule = { own: "protests.write", any: "protests.updateAny" };

/**
 * "May edit my own", the one rule for every record a volunteer edits only when it is theirs (a case
 * assigned to or opened by them, a protest or police action they recorded, a note they wrote, a task
 * given to them): a role holding `rule.any` edits every such record, one holding `rule.own` only its own.
 */
export function mayEditOwn(ctx: Pick<Ctx, "role">, owned: boolean, rule: EditRule): boolean {
  return can(ctx, rule.any) || (owned && can(ctx, rule.own));
}

/** Whether this context may edit this case (the same rule as `caseWriteScope`, for a case already loaded). */
export function mayEditCase(ctx: Pick<Ctx, "role" | "userId">, record: { assignedToId: string | null; createdById: string | null }): boolean {
  return mayEditOwn(ctx, isOwnCase(ctx, record), CASE_EDIT);
}

/** Protests and police actions: whether this context may change one it (or someone else) recorded. */
export function mayEditRecord(ctx: Pick<Ctx, "role" | "userId">, record: { createdById: string | null }): boolean {
  return mayEditOwn(ctx, record.createdById === ctx.userId, PROTEST_EDIT);
}

export function assertMayEditRecord(ctx: Pick<Ctx, "role" | "userId">, record: { createdById: string | null }): void {
  if (!mayEditRecord(ctx, record)) throw forbidden("Only the person who recorded this, or a coordinator, may change it.");
}

/**
 * "May see contacts" on one case: `contacts.read`, and for a role that may not edit every case, only on
 * its own. The same rule as `contactScope` below, for a case already loaded.
 */
export function maySeeCaseContacts(ctx: Pick<Ctx, "role" | "userId">, record: { assignedToId: string | null; createdById: string | null }): boolean {
  return can(ctx, "contacts.read") && (can(ctx, "cases.updateAny") || isOwnCase(ctx, record));
}

/** An id no row has: the scope of a context that may see none of a model's rows. */
const NOTHING = "00000000-0000-0000-0000-000000000000";

/** The organisation a query acts for: a member's context, or a job or sign-in step acting for one organisation. */
export type Tenant = Pick<Ctx, "organizationId">;

/** Prisma `where` for cases this context may read at all: its organisation, not deleted. */
export function caseScope(ctx: Ctx, options: { includeDeleted?: boolean } = {}) {
  return {
    organizationId: ctx.organizationId,
    ...(options.includeDeleted && can(ctx, "cases.delete") ? {} : { deletedAt: null }),
    // analysts work only with aggregates; they get single cases through reports, never lists
    ...(ctx.role === "ANALYST" ? { disclosureLevel: "PUBLIC" as const } : {}),
  };
}

/**
 * Every live case of the organisation, without a role rule: for reports and imports, which decide per
 * case what the reader gets (an analyst's report names public cases and pseudonymises the others).
 */
export function liveCaseScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId, deletedAt: null };
}

/** A member's own live cases: assigned to or created by them. */
export function ownCaseScope(ctx: Pick<Ctx, "organizationId" | "userId">) {
  return { organizationId: ctx.organizationId, deletedAt: null, OR: [{ assignedToId: ctx.userId }, { createdById: ctx.userId }] };
}

/** Prisma `where` for cases this context may edit. */
export function caseWriteScope(ctx: Ctx) {
  if (can(ctx, "cases.updateAny")) return { organizationId: ctx.organizationId, deletedAt: null };
  if (!can(ctx, "cases.update")) return { organizationId: ctx.organizationId, id: NOTHING };
  return {
    organizationId: ctx.organizationId,
    deletedAt: null,
    OR: [{ assignedToId: ctx.userId }, { createdById: ctx.userId }],
  };
}

/**
 * Prisma `where` for people this context may read. `includeDeleted` (for those who may merge) adds deleted
 * ones; `mergeChain` every record, to follow a merge to its survivor (a merge also marks the merged record
 * deleted), for a look-up that reads no more than the link.
 */
export function personScope(ctx: Ctx, options: { includeDeleted?: boolean; mergeChain?: boolean } = {}) {
  if (!can(ctx, "people.read")) return { organizationId: ctx.organizationId, id: NOTHING };
  if (options.mergeChain) return { organizationId: ctx.organizationId };
  return {
    organizationId: ctx.organizationId,
    mergedIntoId: null,
    ...(options.includeDeleted && can(ctx, "people.merge") ? {} : { deletedAt: null }),
  };
}

/**
 * Prisma `where` for people whose contact details this context may see: the `contacts.read` rule plus,
 * for a volunteer, people on a case assigned to or created by them (or a person they recorded who is on
 * no case yet). Used to show contacts and to limit any search by a contact detail (a phone number), so a
 * look-up cannot confirm a contact detail one may not read.
 */
export function contactScope(ctx: Ctx) {
  if (!can(ctx, "contacts.read")) return { organizationId: ctx.organizationId, id: NOTHING };
  if (can(ctx, "cases.updateAny")) return { organizationId: ctx.organizationId };
  const ownCase = ownCaseScope(ctx);
  return {
    organizationId: ctx.organizationId,
    OR: [
      { subjectOf: { some: ownCase } },
      { contactFor: { some: { case: ownCase } } },
      { createdById: ctx.userId, subjectOf: { none: {} }, contactFor: { none: {} } },
    ],
  };
}

// One scope per tenant model. Every query's tenant filter comes from here (a test reads lib/ and fails on
// one spelled by hand), so a role rule that belongs with a model is written once, beside its permission.
// A soft-deleting model's scope holds its live records only.

/** Timeline events of cases. */
export function caseEventScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId, deletedAt: null };
}

/** Family contacts linked to cases. */
export function caseContactScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId };
}

/** Protests: every member who may read protests sees all of the organisation's. */
export function protestScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId, deletedAt: null };
}

/**
 * Police actions, only against people this context may read; `countsOnly` (statistics, which name no
 * one) counts every action whoever it was against, and `anyPerson` takes them too when the query itself
 * bounds the people (hearings of the people on one's own cases).
 */
export function policeActionScope(ctx: Ctx, options: { countsOnly?: boolean; anyPerson?: boolean } = {}) {
  return { organizationId: ctx.organizationId, deletedAt: null, ...(options.countsOnly || options.anyPerson ? {} : { person: personScope(ctx) }) };
}

/** Advocacy actions, only on cases this context may read; `countsOnly` (statistics) on every live case. */
export function advocacyActionScope(ctx: Ctx, options: { countsOnly?: boolean } = {}) {
  return { organizationId: ctx.organizationId, deletedAt: null, case: options.countsOnly ? { deletedAt: null } : caseScope(ctx) };
}

/** Follow-up tasks. */
export function taskScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId, deletedAt: null };
}

/** Notes on cases. */
export function noteScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId, deletedAt: null };
}

/** Links between a source (a testimony, a document, a media report) and the records it supports; sources are reached through them. */
export function sourceLinkScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId };
}

/** Uploaded files. */
export function attachmentScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId, deletedAt: null };
}

/** UN submission drafts and their follow-up log. */
export function unSubmissionScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId, deletedAt: null };
}

/** Government replies to UN submissions. */
export function unSubmissionReplyScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId, deletedAt: null };
}

/** Identity documents of people who are still live records (not merged, deleted or erased). */
export function personDocumentScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId, person: { mergedIntoId: null, deletedAt: null, erasedAt: null } };
}

/** Recorded merges of two people. */
export function personMergeScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId };
}

/** Pairs found by the duplicate scan. */
export function duplicatePairScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId };
}

/** Sign-in sessions whose current organisation this is. */
export function userSessionScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId };
}

/** Memberships of the organisation; `active` leaves out deactivated members. */
export function membershipScope(ctx: Tenant, options: { active?: boolean } = {}) {
  return { organizationId: ctx.organizationId, ...(options.active ? { deactivatedAt: null } : {}) };
}

/** Active members a case or task may be assigned to: those whose role may edit a case. */
export function assignableMemberScope(ctx: Tenant) {
  return { ...membershipScope(ctx, { active: true }), role: { in: [...PERMISSIONS["cases.update"].roles] } };
}

/** Invitations; `pending` keeps those neither used nor revoked. */
export function inviteScope(ctx: Tenant, options: { pending?: boolean } = {}) {
  return { organizationId: ctx.organizationId, ...(options.pending ? { usedAt: null, revokedAt: null } : {}) };
}

/** Personal API tokens not revoked. */
export function apiTokenScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId, revokedAt: null };
}

/** The organisation's audit log (who may read which part is decided by `audit.read` / `audit.readCase`). */
export function auditEventScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId };
}

/**
 * Background jobs: one's own; an admin (users.manage) sees and cancels everyone's in the organisation.
 * `wholeOrganization` takes every member's, for what concerns the organisation rather than the member
 * (its archive imports; the imports of one shared upload).
 */
export function jobScope(ctx: Ctx, options: { wholeOrganization?: boolean } = {}) {
  return { organizationId: ctx.organizationId, ...(options.wholeOrganization || can(ctx, "users.manage") ? {} : { createdById: ctx.userId }) };
}

/** Saved column mappings for spreadsheet imports. */
export function importTemplateScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId };
}

/** Uploaded spreadsheets waiting for their import; `own` keeps the member's own (an admin's: all of them). */
export function importUploadScope(ctx: Ctx, options: { own?: boolean } = {}) {
  return { organizationId: ctx.organizationId, ...(options.own && ctx.role !== "ADMIN" ? { createdById: ctx.userId } : {}) };
}

/** Source marks of imported records (file, sheet, row), which also find rows already imported. */
export function importRecordScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId };
}

/** The searchable name forms of people (every script and spelling), with their name keys. */
export function personNameScope(ctx: Tenant) {
  return { organizationId: ctx.organizationId };
}
