// What the UN submission services read of one case, in one place: the readiness inputs and the facts
// a draft is written from. Everything is read by the case's id inside the caller's tenant transaction,
// so a draft can hold nothing of another case.
import "server-only";
import type { Ctx } from "@/lib/authz";
import { decryptField } from "@/lib/crypto";
import { advocacyDescriptionContext, advocacyResponseContext, unSubmissionReasonsContext } from "@/lib/crypto-contexts";
import { oneAtATime, type Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { AdvocacyActionType, CaseEventType, DatePrecision, Gender, NameKind, NameScript } from "@/lib/generated/prisma/enums";
import { loadReadableCase } from "@/lib/cases/internal";
import { UN_SUBMISSION_TYPES, type ReadinessEvent, type ReadinessInput, type UnSubmissionKind } from "./readiness";
import { isUuid } from "@/lib/service-kit";

export interface DraftEvent extends ReadinessEvent {
  placeName: string | null;
  charges: string | null;
  sentenceMonths: number | null;
  warrantDetails: string | null;
}

export interface DraftSubmission {
  id: string;
  type: UnSubmissionKind;
  submitterName: string | null;
  confidentialElements: string[];
  arbitraryCategories: string[];
  arbitraryReasons: string | null;
  sentAt: Date | null;
  unReference: string | null;
}

export interface UnCaseData {
  input: ReadinessInput;
  organizationName: string;
  reference: string;
  disclosureLevel: "PRIVATE" | "ANONYMISED" | "PUBLIC";
  subject: {
    names: { value: string; script: NameScript; kind: NameKind }[];
    gender: Gender;
    ethnicity: string | null;
    citizenships: string[];
    hometown: string | null;
  };
  events: DraftEvent[];
  advocacy: { type: AdvocacyActionType; date: Date; recipient: string; theirReference: string | null; description: string | null; response: string | null; responseDate: Date | null }[];
  latest: Partial<Record<UnSubmissionKind, DraftSubmission>>;
}

export async function loadUnCaseData(tx: Tx, ctx: Ctx, caseId: string): Promise<UnCaseData> {
  if (!isUuid(caseId)) throw notFound("case");
  const found = await loadReadableCase(tx, ctx, caseId);
  const [organization, subject, events, advocacy, submissions] = await oneAtATime([
    () => tx.organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { name: true } }),
    () => tx.person.findUniqueOrThrow({
      where: { id: found.subjectPersonId },
      select: {
        id: true,
        displayName: true,
        gender: true,
        birthDate: true,
        birthDatePrecision: true,
        ethnicity: true,
        citizenships: true,
        hometownText: true,
        hometownPlaceId: true,
        hometown: { select: { nameEn: true } },
        names: { orderBy: [{ isPrimary: "desc" }, { position: "asc" }], select: { value: true, script: true, kind: true } },
      },
    }),
    () => tx.caseEvent.findMany({
      where: { caseId, deletedAt: null },
      orderBy: [{ date: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
      select: {
        id: true,
        type: true,
        date: true,
        datePrecision: true,
        placeText: true,
        placeId: true,
        facility: true,
        authority: true,
        charges: true,
        sentenceMonths: true,
        warrantShown: true,
        warrantDetails: true,
        createdAt: true,
        place: { select: { nameEn: true } },
      },
    }),
    () => tx.advocacyAction.findMany({ where: { caseId, deletedAt: null }, orderBy: [{ date: "asc" }, { createdAt: "asc" }] }),
    () => tx.unSubmission.findMany({ where: { caseId, deletedAt: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
  ]);

  const latest: Partial<Record<UnSubmissionKind, DraftSubmission>> = {};
  for (const type of UN_SUBMISSION_TYPES) {
    const row = submissions.find((s) => s.type === type);
    if (row)
      latest[type] = {
        id: row.id,
        type,
        submitterName: row.submitterName,
        confidentialElements: row.confidentialElements,
        arbitraryCategories: row.arbitraryCategories,
        arbitraryReasons: decryptField(row.arbitraryReasonsEnc, unSubmissionReasonsContext(row.id)),
        sentAt: row.sentAt,
        unReference: row.unReference,
      };
  }

  const draftEvents: DraftEvent[] = events.map((e) => ({
    id: e.id,
    type: e.type as CaseEventType,
    date: e.date,
    datePrecision: e.date ? (e.datePrecision as DatePrecision) : "UNKNOWN",
    placeText: e.placeText,
    placeId: e.placeId,
    placeName: e.placeText ?? e.place?.nameEn ?? null,
    facility: e.facility,
    authority: e.authority,
    charges: e.charges,
    sentenceMonths: e.sentenceMonths,
    warrantShown: e.warrantShown,
    warrantDetails: e.warrantDetails,
    createdAt: e.createdAt,
  }));

  return {
    input: {
      caseId,
      subject: {
        id: subject.id,
        displayName: subject.displayName,
        birthDate: subject.birthDate,
        birthDatePrecision: subject.birthDatePrecision,
        hometownText: subject.hometownText,
        hometownPlaceId: subject.hometownPlaceId,
      },
      consentGivenBy: found.consentGivenBy,
      consentGivenAt: found.consentGivenAt,
      consentScope: found.consentScope,
      events: draftEvents,
      advocacyActionCount: advocacy.length,
      submissions: Object.fromEntries(
        UN_SUBMISSION_TYPES.map((type) => {
          const s = latest[type];
          return [type, s ? { submitterName: s.submitterName, arbitraryCategories: s.arbitraryCategories, arbitraryReasons: Boolean(s.arbitraryReasons) } : null];
        }),
      ),
    },
    organizationName: organization.name,
    reference: found.reference,
    disclosureLevel: found.disclosureLevel,
    subject: {
      names: subject.names,
      gender: subject.gender,
      ethnicity: subject.ethnicity,
      citizenships: subject.citizenships,
      hometown: subject.hometownText ?? subject.hometown?.nameEn ?? null,
    },
    events: draftEvents,
    advocacy: advocacy.map((a) => ({
      type: a.type,
      date: a.date,
      recipient: a.recipient,
      theirReference: a.theirReference,
      description: decryptField(a.descriptionEnc, advocacyDescriptionContext(a.id)),
      response: decryptField(a.responseEnc, advocacyResponseContext(a.id)),
      responseDate: a.responseDate,
    })),
    latest,
  };
}
