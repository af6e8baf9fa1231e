// Opening one case: overview, subject names, family contacts (details only for those allowed), the
// timeline, sources, attachment metadata, notes and tasks, in one statement. Every view is audited.
import "server-only";
import { auditChainLock, auditPg } from "@/lib/audit";
import { authorize, can, mayEditCase, maySeeCaseContacts, type Ctx } from "@/lib/authz";
import { decryptField, decryptJson } from "@/lib/crypto";
import {
  attachmentFileNameContext,
  caseConsentNotesContext,
  caseSummaryContext,
  noteBodyContext,
  personContactContext,
  sourceDescriptionContext,
  taskDescriptionContext,
} from "@/lib/crypto-contexts";
import { withTenantAuditedRead, type ReadTx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import type {
  CaseStatus,
  DatePrecision,
  DisclosureLevel,
  NameScript,
  Priority,
  Relationship,
  Reliability,
  SourceKind,
  TaskStatus,
  VerificationLevel,
} from "@/lib/generated/prisma/enums";
import { toEventView, type CaseEventView } from "./events";
import { isUuid } from "@/lib/service-kit";
import { caseScopeSql } from "./internal";

export interface CaseContactView {
  id: string;
  personId: string;
  displayName: string;
  relationship: Relationship;
  relationshipOther: string | null;
  isPrimary: boolean;
  /** null when there is none or when the viewer may not see it (contactsVisible false) */
  contact: Record<string, string> | null;
}

export interface CaseSourceView {
  linkId: string;
  sourceId: string;
  caseEventId: string | null;
  kind: SourceKind;
  title: string;
  url: string | null;
  reliability: Reliability;
  publishedAt: string | null;
  description: string | null;
}

export interface CaseAttachmentView {
  id: string;
  caseEventId: string | null;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  createdAt: string;
}

export interface CaseNoteView {
  id: string;
  body: string;
  authorName: string | null;
  createdAt: string;
  version: number;
}

export interface CaseTaskView {
  id: string;
  title: string;
  description: string | null;
  dueDate: string | null;
  status: TaskStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  version: number;
}

export interface CaseDetail {
  id: string;
  reference: string;
  status: CaseStatus;
  statusOverridden: boolean;
  disclosureLevel: DisclosureLevel;
  consentGivenBy: string | null;
  consentGivenAt: string | null;
  consentScope: string | null;
  consentNotes: string | null;
  priority: Priority;
  verificationLevel: VerificationLevel;
  tags: string[];
  summary: string | null;
  assignedToId: string | null;
  assignedToName: string | null;
  createdById: string | null;
  lastEventDate: string | null;
  openedAt: string;
  updatedAt: string;
  deletedAt: string | null;
  version: number;
  subject: {
    id: string;
    displayName: string;
    names: { value: string; script: NameScript; isPrimary: boolean }[];
    birthDate: string | null;
    birthDatePrecision: DatePrecision;
    hometownText: string | null;
  };
  contacts: CaseContactView[];
  contactsVisible: boolean;
  events: CaseEventView[];
  sources: CaseSourceView[];
  attachments: CaseAttachmentView[];
  notes: CaseNoteView[];
  tasks: CaseTaskView[];
  /** what the viewer may do here, so pages show only the buttons that will work */
  permissions: { edit: boolean; manage: boolean; delete: boolean; seeActivity: boolean };
}

/** One event row as the statement returns it (JSON: dates as text). */
interface EventJson extends Omit<Parameters<typeof toEventView>[0], "date" | "createdAt" | "updatedAt"> {
  date: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Everything the case page shows, as the one statement below returns it: the case's own fields as on the page, the rest still encrypted. */
interface CaseJson extends Omit<CaseDetail, "consentNotes" | "summary" | "contacts" | "contactsVisible" | "events" | "sources" | "attachments" | "notes" | "tasks" | "permissions"> {
  consentNotesEnc: string | null;
  summaryEnc: string | null;
  contacts: {
    id: string;
    personId: string;
    relationship: Relationship;
    relationshipOther: string | null;
    isPrimary: boolean;
    displayName: string;
    contactEnc: string | null;
  }[];
  events: EventJson[];
  sources: {
    linkId: string;
    sourceId: string;
    caseEventId: string | null;
    kind: SourceKind;
    title: string;
    url: string | null;
    reliability: Reliability;
    publishedAt: string | null;
    descriptionEnc: string | null;
  }[];
  attachments: { id: string; caseEventId: string | null; fileNameEnc: string; mimeType: string; sizeBytes: number; createdAt: string }[];
  notes: { id: string; bodyEnc: string; authorName: string | null; createdAt: string; version: number }[];
  tasks: {
    id: string;
    title: string;
    descriptionEnc: string | null;
    dueDate: string | null;
    status: TaskStatus;
    assigneeId: string | null;
    assigneeName: string | null;
    version: number;
  }[];
}

const iso = (value: string) => new Date(value).toISOString();
const isoOrNull = (value: string | null) => (value === null ? null : iso(value));

/**
 * The case and every part the page shows in one statement (Prisma would send one per relation), built
 * as JSON in PostgreSQL under row-level security, in the orders the page lists them. Its last column
 * takes the audit chain's lock, so the `case.view` event needs no statement of its own for it; a case
 * that is not found takes no lock.
 */
async function loadCaseJson(tx: ReadTx, ctx: Ctx, id: string, options: { includeDeleted?: boolean }): Promise<CaseJson | null> {
  if (!isUuid(id)) return null;
  const rows = await tx.query<{ data: CaseJson; locked: string }>(Prisma.sql`
    SELECT json_build_object(
      'id', c.id, 'reference', c.reference, 'status', c.status, 'statusOverridden', c."statusOverridden",
      'disclosureLevel', c."disclosureLevel", 'consentGivenBy', c."consentGivenBy", 'consentGivenAt', c."consentGivenAt",
      'consentScope', c."consentScope", 'consentNotesEnc', c."consentNotesEnc", 'priority', c.priority,
      'verificationLevel', c."verificationLevel", 'tags', c.tags, 'summaryEnc', c."summaryEnc",
      'assignedToId', c."assignedToId", 'createdById', c."createdById", 'lastEventDate', c."lastEventDate",
      'openedAt', c."openedAt", 'updatedAt', c."updatedAt", 'deletedAt', c."deletedAt", 'version', c.version,
      'assignedToName', (SELECT u.name FROM users u WHERE u.id = c."assignedToId"),
      'subject', (
        SELECT json_build_object(
          'id', p.id, 'displayName', p."displayName", 'birthDate', p."birthDate", 'birthDatePrecision', p."birthDatePrecision",
          'hometownText', p."hometownText",
          'names', coalesce((
            SELECT json_agg(json_build_object('value', n.value, 'script', n.script, 'isPrimary', n."isPrimary") ORDER BY n."isPrimary" DESC, n.position, n.id)
              FROM person_names n WHERE n."personId" = p.id), '[]'))
          FROM people p WHERE p.id = c."subjectPersonId"),
      'contacts', coalesce((
        SELECT json_agg(json_build_object(
                 'id', cc.id, 'personId', cc."personId", 'relationship', cc.relationship, 'relationshipOther', cc."relationshipOther",
                 'isPrimary', cc."isPrimary", 'displayName', p."displayName", 'contactEnc', p."contactEnc")
               ORDER BY cc."isPrimary" DESC, cc."createdAt", cc.id)
          FROM case_contacts cc JOIN people p ON p.id = cc."personId" WHERE cc."caseId" = c.id), '[]'),
      'events', coalesce((
        SELECT json_agg(json_build_object(
                 'id', e.id, 'type', e.type, 'date', e.date, 'datePrecision', e."datePrecision", 'placeId', e."placeId",
                 'placeText', e."placeText", 'facility', e.facility, 'authority', e.authority, 'charges', e.charges,
                 'sentenceMonths', e."sentenceMonths", 'warrantShown', e."warrantShown", 'warrantDetails', e."warrantDetails",
                 'descriptionEnc', e."descriptionEnc", 'createdAt', e."createdAt", 'updatedAt', e."updatedAt", 'version', e.version,
                 'place', CASE WHEN pl.id IS NULL THEN NULL ELSE json_build_object(
                   'id', pl.id, 'code', pl.code, 'kind', pl.kind, 'country', pl.country, 'nameEn', pl."nameEn", 'nameKk', pl."nameKk",
                   'nameRu', pl."nameRu", 'nameZh', pl."nameZh", 'divisionCode', pl."divisionCode",
                   'parent', CASE WHEN pp.id IS NULL THEN NULL ELSE json_build_object('nameEn', pp."nameEn") END) END)
               ORDER BY e.date ASC NULLS LAST, e."createdAt", e.id)
          FROM case_events e
          LEFT JOIN places pl ON pl.id = e."placeId"
          LEFT JOIN places pp ON pp.id = pl."parentId"
         WHERE e."caseId" = c.id AND e."deletedAt" IS NULL), '[]'),
      -- cited by the case or by any of its events (deleted events included, as they were)
      'sources', coalesce((
        SELECT json_agg(json_build_object(
                 'linkId', l.id, 'sourceId', l."sourceId", 'caseEventId', l."caseEventId", 'kind', s.kind, 'title', s.title,
                 'url', s.url, 'reliability', s.reliability, 'publishedAt', s."publishedAt", 'descriptionEnc', s."descriptionEnc")
               ORDER BY l."createdAt", l.id)
          FROM (SELECT * FROM source_links WHERE "caseId" = c.id
                UNION ALL
                SELECT el.* FROM source_links el JOIN case_events e ON e.id = el."caseEventId"
                 WHERE e."caseId" = c.id AND el."caseId" IS DISTINCT FROM c.id) l
          JOIN sources s ON s.id = l."sourceId"
         WHERE s."deletedAt" IS NULL), '[]'),
      'attachments', coalesce((
        SELECT json_agg(json_build_object(
                 'id', a.id, 'caseEventId', a."caseEventId", 'fileNameEnc', a."fileNameEnc", 'mimeType', a."mimeType",
                 'sizeBytes', a."sizeBytes", 'createdAt', a."createdAt")
               ORDER BY a."createdAt", a.id)
          FROM (SELECT * FROM attachments WHERE "caseId" = c.id
                UNION ALL
                SELECT ea.* FROM attachments ea JOIN case_events e ON e.id = ea."caseEventId"
                 WHERE e."caseId" = c.id AND ea."caseId" IS DISTINCT FROM c.id) a
         WHERE a."deletedAt" IS NULL), '[]'),
      'notes', coalesce((
        SELECT json_agg(json_build_object(
                 'id', nt.id, 'bodyEnc', nt."bodyEnc", 'authorName', au.name, 'createdAt', nt."createdAt", 'version', nt.version)
               ORDER BY nt."createdAt" DESC, nt.id)
          FROM notes nt LEFT JOIN users au ON au.id = nt."authorId"
         WHERE nt."caseId" = c.id AND nt."deletedAt" IS NULL), '[]'),
      'tasks', coalesce((
        SELECT json_agg(json_build_object(
                 'id', t.id, 'title', t.title, 'descriptionEnc', t."descriptionEnc", 'dueDate', t."dueDate", 'status', t.status,
                 'assigneeId', t."assigneeId", 'assigneeName', tu.name, 'version', t.version)
               ORDER BY t.status, t."dueDate" ASC NULLS LAST, t."createdAt", t.id)
          FROM tasks t LEFT JOIN users tu ON tu.id = t."assigneeId"
         WHERE t."caseId" = c.id AND t."deletedAt" IS NULL), '[]')
    ) AS data,
    ${auditChainLock(ctx.organizationId)}::text AS locked
    FROM cases c
   WHERE c.id = ${id}::uuid AND ${caseScopeSql(ctx, options, "c")}`);
  return rows[0]?.data ?? null;
}

export async function getCase(ctx: Ctx, id: string, options: { includeDeleted?: boolean } = {}): Promise<CaseDetail> {
  authorize(ctx, "cases.read");
  // through pg, not Prisma's client: the case, its audit event and the commit are a read's whole cost
  return withTenantAuditedRead(ctx, async (tx) => {
    const row = await loadCaseJson(tx, ctx, id, options);
    if (!row) throw notFound("case");
    const contactsVisible = maySeeCaseContacts(ctx, row);
    const editable = mayEditCase(ctx, row);

    await auditPg(
      tx,
      {
        organizationId: ctx.organizationId,
        actorUserId: ctx.userId,
        action: "case.view",
        entityType: "Case",
        entityId: id,
        metadata: { contactsShown: contactsVisible && row.contacts.length > 0 },
        ipHash: ctx.ipHash,
      },
      { chainLocked: true },
    );

    return {
      id: row.id,
      reference: row.reference,
      status: row.status,
      statusOverridden: row.statusOverridden,
      disclosureLevel: row.disclosureLevel,
      consentGivenBy: row.consentGivenBy,
      consentGivenAt: row.consentGivenAt,
      consentScope: row.consentScope,
      consentNotes: decryptField(row.consentNotesEnc, caseConsentNotesContext(row.id)),
      priority: row.priority,
      verificationLevel: row.verificationLevel,
      tags: row.tags,
      summary: decryptField(row.summaryEnc, caseSummaryContext(row.id)),
      assignedToId: row.assignedToId,
      assignedToName: row.assignedToName,
      createdById: row.createdById,
      lastEventDate: row.lastEventDate,
      openedAt: iso(row.openedAt),
      updatedAt: iso(row.updatedAt),
      deletedAt: isoOrNull(row.deletedAt),
      version: row.version,
      subject: {
        id: row.subject.id,
        displayName: row.subject.displayName,
        names: row.subject.names,
        birthDate: row.subject.birthDate,
        birthDatePrecision: row.subject.birthDatePrecision,
        hometownText: row.subject.hometownText,
      },
      contacts: row.contacts.map((contact) => ({
        id: contact.id,
        personId: contact.personId,
        displayName: contact.displayName,
        relationship: contact.relationship,
        relationshipOther: contact.relationshipOther,
        isPrimary: contact.isPrimary,
        contact: contactsVisible ? decryptJson<Record<string, string>>(contact.contactEnc, personContactContext(contact.personId)) : null,
      })),
      contactsVisible,
      events: row.events.map((event) =>
        toEventView({
          ...event,
          date: event.date === null ? null : new Date(`${event.date}T00:00:00Z`),
          createdAt: new Date(event.createdAt),
          updatedAt: new Date(event.updatedAt),
        }),
      ),
      sources: row.sources.map((link) => ({
        linkId: link.linkId,
        sourceId: link.sourceId,
        caseEventId: link.caseEventId,
        kind: link.kind,
        title: link.title,
        url: link.url,
        reliability: link.reliability,
        publishedAt: link.publishedAt,
        description: decryptField(link.descriptionEnc, sourceDescriptionContext(link.sourceId)),
      })),
      attachments: row.attachments.map((file) => ({
        id: file.id,
        caseEventId: file.caseEventId,
        fileName: decryptField(file.fileNameEnc, attachmentFileNameContext(file.id)) ?? "",
        mimeType: file.mimeType,
        sizeBytes: file.sizeBytes,
        createdAt: iso(file.createdAt),
      })),
      notes: row.notes.map((note) => ({
        id: note.id,
        body: decryptField(note.bodyEnc, noteBodyContext(note.id)) ?? "",
        authorName: note.authorName,
        createdAt: iso(note.createdAt),
        version: note.version,
      })),
      tasks: row.tasks.map((task) => ({
        id: task.id,
        title: task.title,
        description: decryptField(task.descriptionEnc, taskDescriptionContext(task.id)),
        dueDate: task.dueDate,
        status: task.status,
        assigneeId: task.assigneeId,
        assigneeName: task.assigneeName,
        version: task.version,
      })),
      permissions: {
        edit: editable && !row.deletedAt,
        manage: can(ctx, "cases.updateAny"),
        delete: can(ctx, "cases.delete"),
        seeActivity: can(ctx, "audit.readCase"),
      },
    };
  });
}
