// A UN submission draft as a plain document model (title, sections of labelled rows), built once from
// the case and rendered by both the DOCX and the PDF writer, so the two always hold the same text.
// Any element the submission marks confidential (the submitter's identity above all) is written as
// "Confidential", never with its value. A confidential submitter also hides the organisation's name from
// the page header and the file's author metadata: the organisation is often the submitter, or names it.
import { formatUncertainDate } from "@/lib/format/date";
import type { DatePrecision } from "@/lib/generated/prisma/enums";
import enAdvocacy from "@/lib/i18n/messages/en/advocacy.json";
import enCases from "@/lib/i18n/messages/en/cases.json";
import type { PortraitImage } from "@/lib/people/portrait";
import type { UnDraftLanguage } from "@/lib/validations/un-submission";
import { DRAFT_LABELS, type DraftLabels } from "./draft-labels";
import type { DraftEvent, UnCaseData } from "./internal";
import {
  ARREST_EVENT_TYPES,
  DETENTION_EVENT_TYPES,
  DISAPPEARANCE_EVENT_TYPES,
  earliestEvent,
  isUrgent,
  type UnElement,
  type UnSubmissionKind,
} from "./readiness";

export interface DraftRow {
  label: string;
  value: string;
}

export interface DraftSection {
  /** the readiness element (or group) the section answers */
  key: UnElement | "arrest" | "laterEvents";
  heading: string;
  rows: DraftRow[];
  /** the subject's portrait, placed under the identity heading */
  portrait?: PortraitImage;
}

export interface DraftDocument {
  type: UnSubmissionKind;
  language: UnDraftLanguage;
  labels: DraftLabels;
  title: string;
  /** the organisation's name, or the "Confidential" label when the submitter is confidential */
  organizationName: string;
  reference: string;
  intro: string;
  urgent: string | null;
  sections: DraftSection[];
}

const EVENT_NAMES = enCases.eventType as Record<string, string>;
const ADVOCACY_NAMES = enAdvocacy.type as Record<string, string>;

const dateText = (date: Date | null, precision: DatePrecision, fallback: string) =>
  date && precision !== "UNKNOWN" ? formatUncertainDate(date, precision, "en") : fallback;
const dayText = (date: Date | null, fallback: string) => (date ? formatUncertainDate(date, "DAY", "en") : fallback);

/** "Yes: detention decision of the Ghulja City Procuratorate", "No", or nothing when not recorded. */
function warrantText(event: DraftEvent, l: DraftLabels): string | null {
  if (!event.warrantShown) return null;
  const details = event.warrantDetails?.trim();
  return details ? `${l.warrantShown[event.warrantShown]}: ${details}` : l.warrantShown[event.warrantShown];
}

export function buildDraft(
  data: UnCaseData,
  type: UnSubmissionKind,
  language: UnDraftLanguage,
  now: Date = new Date(),
  options: { portrait?: PortraitImage | null } = {},
): DraftDocument {
  const l = DRAFT_LABELS[language];
  const submission = data.latest[type];
  const hidden = new Set(submission?.confidentialElements ?? []);
  const text = (value: string | null | undefined) => (value && value.trim() ? value.trim() : l.notRecorded);
  /** a row whose element may be marked confidential */
  const row = (label: string, value: string | null | undefined, ...elements: UnElement[]): DraftRow => ({
    label,
    value: elements.some((e) => hidden.has(e)) ? l.confidential : text(value),
  });
  const { subject, input } = data;
  const organizationName = hidden.has("submitter") ? l.confidential : data.organizationName;

  const [primary, ...others] = subject.names;
  const identity: DraftSection = {
    key: "identity",
    heading: l.sections.identity,
    rows: [
      row(l.fields.fullName, primary?.value ?? input.subject.displayName, "identity"),
      row(l.fields.otherNames, others.map((n) => n.value).join("; "), "identity"),
      row(l.fields.sex, l.sex[subject.gender], "identity"),
      row(l.fields.birthDate, dateText(input.subject.birthDate, input.subject.birthDatePrecision, l.notRecorded), "identity"),
      row(l.fields.ethnicity, subject.ethnicity, "identity"),
      row(l.fields.nationality, subject.citizenships.join(", "), "identity"),
      row(l.fields.residence, subject.hometown, "identity"),
    ],
    // a confidential identity hides the face as well as the name
    ...(options.portrait && !hidden.has("identity") ? { portrait: options.portrait } : {}),
  };

  const steps = data.advocacy.map((a) => {
    const head = `${dayText(a.date, l.notRecorded)}: ${ADVOCACY_NAMES[a.type] ?? a.type}, ${a.recipient}${a.theirReference ? ` (${a.theirReference})` : ""}`;
    const body = a.description ? `. ${a.description}` : "";
    const answer = a.response || a.responseDate ? ` ${l.response} (${dayText(a.responseDate, l.notRecorded)}): ${a.response ?? ""}`.trimEnd() : "";
    return `${head}${body}${answer}`;
  });
  const stepsElement: UnElement = type === "WGEID" ? "familySteps" : "domesticSteps";
  const stepsSection: DraftSection = {
    key: stepsElement,
    heading: type === "WGEID" ? l.sections.familySteps : l.sections.domesticSteps,
    rows:
      steps.length === 0
        ? [row(l.fields.steps, l.none, stepsElement)]
        : steps.map((step, i) => row(`${l.fields.steps} ${i + 1}`, step, stepsElement)),
  };
  const submitter: DraftSection = { key: "submitter", heading: l.sections.submitter, rows: [row(l.fields.submitter, submission?.submitterName, "submitter")] };
  const consent: DraftSection = {
    key: "consent",
    heading: l.sections.consent,
    rows: [
      row(l.fields.consentBy, input.consentGivenBy, "consent"),
      row(l.fields.consentAt, dayText(input.consentGivenAt, l.notRecorded), "consent"),
      row(l.fields.consentScope, input.consentScope, "consent"),
    ],
  };

  if (type === "WGEID") {
    const event = earliestEvent(data.events, DISAPPEARANCE_EVENT_TYPES);
    const keyEvent = event ? data.events.find((e) => e.id === event.id) ?? null : null;
    const later = data.events.filter((e) => e.id !== keyEvent?.id);
    const urgent = keyEvent ? isUrgent(keyEvent.date, keyEvent.datePrecision, now) : false;
    return {
      type,
      language,
      labels: l,
      title: l.titleWgeid,
      organizationName,
      reference: data.reference,
      intro: l.intro,
      urgent: urgent ? l.urgent : null,
      sections: [
        identity,
        {
          key: "disappearanceDate",
          heading: l.sections.disappearanceDate,
          rows: [
            row(l.fields.date, keyEvent ? dateText(keyEvent.date, keyEvent.datePrecision, l.notRecorded) : null, "disappearanceDate"),
            row(l.fields.event, keyEvent ? EVENT_NAMES[keyEvent.type] : null, "disappearanceDate"),
          ],
        },
        {
          key: "place",
          heading: l.sections.place,
          rows: [row(l.fields.place, keyEvent?.placeName, "place"), row(l.fields.facility, keyEvent?.facility, "place")],
        },
        { key: "forces", heading: l.sections.forces, rows: [row(l.fields.forces, keyEvent?.authority, "forces")] },
        stepsSection,
        submitter,
        consent,
        ...(later.length
          ? [
              {
                key: "laterEvents" as const,
                heading: l.sections.laterEvents,
                rows: later.map((e) => ({
                  label: dateText(e.date, e.datePrecision, l.notRecorded),
                  value: [EVENT_NAMES[e.type] ?? e.type, e.placeName, e.facility, e.authority].filter(Boolean).join(", "),
                })),
              },
            ]
          : []),
      ],
    };
  }

  const arrestRef = earliestEvent(data.events, ARREST_EVENT_TYPES);
  const arrest = arrestRef ? data.events.find((e) => e.id === arrestRef.id) ?? null : null;
  const held = data.events.filter((e) => (DETENTION_EVENT_TYPES as readonly string[]).includes(e.type));
  const unique = (values: (string | null)[]) => Array.from(new Set(values.filter((v): v is string => Boolean(v && v.trim())))).join("; ");
  const sentences = held.filter((e) => e.sentenceMonths).map((e) => l.months.replace("{n}", String(e.sentenceMonths)));
  return {
    type,
    language,
    labels: l,
    title: l.titleWgad,
    organizationName,
    reference: data.reference,
    intro: l.intro,
    urgent: null,
    sections: [
      identity,
      {
        key: "arrest",
        heading: l.sections.arrest,
        rows: [
          row(l.fields.arrestDate, arrest ? dateText(arrest.date, arrest.datePrecision, l.notRecorded) : null, "arrestDate"),
          row(l.fields.arrestPlace, arrest?.placeName, "arrestPlace"),
          row(l.fields.arrestingForces, arrest?.authority, "arrestingForces"),
          row(l.fields.warrant, arrest ? warrantText(arrest, l) : null, "arrestWarrant"),
          row(l.fields.statedReason, arrest?.charges, "arrestDate"),
        ],
      },
      {
        key: "detentionPlace",
        heading: l.sections.detention,
        rows: [
          row(l.fields.detentionPlaces, unique(held.map((e) => e.facility)), "detentionPlace"),
          row(l.fields.holdingAuthority, unique(held.map((e) => e.authority)), "detentionPlace"),
          row(l.fields.charges, unique(held.map((e) => e.charges)), "detentionPlace"),
          row(l.fields.sentence, sentences.join("; "), "detentionPlace"),
        ],
      },
      {
        key: "arbitrariness",
        heading: l.sections.arbitrariness,
        rows: [
          row(
            l.fields.categories,
            (submission?.arbitraryCategories ?? []).map((c) => l.categories[c as "I" | "II" | "III"] ?? c).join("; "),
            "arbitrariness",
          ),
          row(l.fields.reasons, submission?.arbitraryReasons, "arbitrariness"),
        ],
      },
      stepsSection,
      submitter,
      consent,
    ],
  };
}
