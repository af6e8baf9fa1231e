// Opening one case: overview, subject names, family contacts (details only for those allowed), the
// timeline, sources, attachment metadata, notes and tasks, in a handful of queries. Every view is audited.
import "server-only";
import { audit } from "@/lib/audit";
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
import { withTenant } from "@/lib/db";
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
import { eventPlaceInclude, timelineOrder, toEventView, type CaseEventView } from "./events";
import { loadReadableCase } from "./internal";

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

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

export async function getCase(ctx: Ctx, id: string, options: { includeDeleted?: boolean } = {}): Promise<CaseDetail> {
  authorize(ctx, "cases.read");
  return withTenant(ctx, async (tx) => {
    const row = await loadReadableCase(tx, ctx, id, options);
    const contactsVisible = maySeeCaseContacts(ctx, row);
    const editable = mayEditCase(ctx, row);

    const [subject, contacts, events, links, attachments, notes, tasks, assignee] = await Promise.all([
      tx.person.findUniqueOrThrow({
        where: { id: row.subjectPersonId },
        select: {
          id: true,
          displayName: true,
          birthDate: true,
          birthDatePrecision: true,
          hometownText: true,
          names: { select: { value: true, script: true, isPrimary: true }, orderBy: [{ isPrimary: "desc" }, { position: "asc" }] },
        },
      }),
      tx.caseContact.findMany({
        where: { caseId: id },
        orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }],
        select: {
          id: true,
          personId: true,
          relationship: true,
          relationshipOther: true,
          isPrimary: true,
          person: { select: { displayName: true, contactEnc: true } },
        },
      }),
      tx.caseEvent.findMany({ where: { caseId: id, deletedAt: null }, orderBy: [...timelineOrder], include: eventPlaceInclude }),
      tx.sourceLink.findMany({
        where: { OR: [{ caseId: id }, { caseEvent: { caseId: id } }], source: { deletedAt: null } },
        include: { source: true },
        orderBy: { createdAt: "asc" },
      }),
      tx.attachment.findMany({
        where: { OR: [{ caseId: id }, { caseEvent: { caseId: id } }], deletedAt: null },
        select: { id: true, caseEventId: true, fileNameEnc: true, mimeType: true, sizeBytes: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      }),
      tx.note.findMany({
        where: { caseId: id, deletedAt: null },
        orderBy: { createdAt: "desc" },
        select: { id: true, bodyEnc: true, createdAt: true, version: true, author: { select: { name: true } } },
      }),
      tx.task.findMany({
        where: { caseId: id, deletedAt: null },
        orderBy: [{ status: "asc" }, { dueDate: { sort: "asc", nulls: "last" } }],
        select: { id: true, title: true, descriptionEnc: true, dueDate: true, status: true, assigneeId: true, version: true, assignee: { select: { name: true } } },
      }),
      row.assignedToId ? tx.user.findUnique({ where: { id: row.assignedToId }, select: { name: true } }) : Promise.resolve(null),
    ]);

    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "case.view",
      entityType: "Case",
      entityId: id,
      metadata: { contactsShown: contactsVisible && contacts.length > 0 },
      ipHash: ctx.ipHash,
    });

    return {
      id: row.id,
      reference: row.reference,
      status: row.status,
      statusOverridden: row.statusOverridden,
      disclosureLevel: row.disclosureLevel,
      consentGivenBy: row.consentGivenBy,
      consentGivenAt: day(row.consentGivenAt),
      consentScope: row.consentScope,
      consentNotes: decryptField(row.consentNotesEnc, caseConsentNotesContext(row.id)),
      priority: row.priority,
      verificationLevel: row.verificationLevel,
      tags: row.tags,
      summary: decryptField(row.summaryEnc, caseSummaryContext(row.id)),
      assignedToId: row.assignedToId,
      assignedToName: assignee?.name ?? null,
      createdById: row.createdById,
      lastEventDate: day(row.lastEventDate),
      openedAt: row.openedAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      deletedAt: row.deletedAt ? row.deletedAt.toISOString() : null,
      version: row.version,
      subject: {
        id: subject.id,
        displayName: subject.displayName,
        names: subject.names,
        birthDate: day(subject.birthDate),
        birthDatePrecision: subject.birthDatePrecision,
        hometownText: subject.hometownText,
      },
      contacts: contacts.map((contact) => ({
        id: contact.id,
        personId: contact.personId,
        displayName: contact.person.displayName,
        relationship: contact.relationship,
        relationshipOther: contact.relationshipOther,
        isPrimary: contact.isPrimary,
        contact: contactsVisible ? decryptJson<Record<string, string>>(contact.person.contactEnc, personContactContext(contact.personId)) : null,
      })),
      contactsVisible,
      events: events.map(toEventView),
      sources: links.map((link) => ({
        linkId: link.id,
        sourceId: link.sourceId,
        caseEventId: link.caseEventId,
        kind: link.source.kind,
        title: link.source.title,
        url: link.source.url,
        reliability: link.source.reliability,
        publishedAt: day(link.source.publishedAt),
        description: decryptField(link.source.descriptionEnc, sourceDescriptionContext(link.sourceId)),
      })),
      attachments: attachments.map((file) => ({
        id: file.id,
        caseEventId: file.caseEventId,
        fileName: decryptField(file.fileNameEnc, attachmentFileNameContext(file.id)) ?? "",
        mimeType: file.mimeType,
        sizeBytes: file.sizeBytes,
        createdAt: file.createdAt.toISOString(),
      })),
      notes: notes.map((note) => ({
        id: note.id,
        body: decryptField(note.bodyEnc, noteBodyContext(note.id)) ?? "",
        authorName: note.author?.name ?? null,
        createdAt: note.createdAt.toISOString(),
        version: note.version,
      })),
      tasks: tasks.map((task) => ({
        id: task.id,
        title: task.title,
        description: decryptField(task.descriptionEnc, taskDescriptionContext(task.id)),
        dueDate: day(task.dueDate),
        status: task.status,
        assigneeId: task.assigneeId,
        assigneeName: task.assignee?.name ?? null,
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
