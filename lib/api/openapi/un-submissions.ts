// UN submissions (WGEID, WGAD): readiness, drafts and the follow-up log with government replies.
import type { oas31 } from "zod-openapi";
import { unDraftRequestSchema, unReplyAnswerSchema, unReplyCreateSchema, unSubmissionCreateSchema, unSubmissionUpdateSchema } from "@/lib/validations/un-submission";
import { versionOnlySchema } from "@/lib/validations/case";
import { DAY } from "./notes";
import { file, json, ok, ref, refused, type ApiArea } from "./registry";


/** A reply from a Working Group waiting for the family's answer (also on the dashboard, with its link). */
export const UN_REMINDER: oas31.SchemaObject & { properties: Record<string, oas31.SchemaObject> } = {
  type: "object",
  properties: {
    replyId: { type: "string", format: "uuid" },
    submissionId: { type: "string", format: "uuid" },
    caseId: { type: "string", format: "uuid" },
    caseReference: { type: "string" },
    type: { type: "string", enum: ["WGEID", "WGAD"] },
    unReference: { type: ["string", "null"] },
    receivedAt: { type: "string", format: "date" },
    respondBy: { type: "string", format: "date" },
    overdue: { type: "boolean" },
  },
};

export const unSubmissionsApi: ApiArea = {
  components: {
    UnMissing: {
      schema: {
        type: "object",
        description: "An element the Working Group needs that the case does not hold yet, with the link to the form field that fills it.",
        properties: {
          element: {
            type: "string",
            enum: [
              "identity",
              "disappearanceDate",
              "place",
              "forces",
              "familySteps",
              "submitter",
              "consent",
              "arrestDate",
              "arrestPlace",
              "arrestingForces",
              "arrestWarrant",
              "detentionPlace",
              "arbitrariness",
              "domesticSteps",
            ],
          },
          href: { type: "string" },
        },
      },
    },
    UnReadiness: {
      schema: {
        type: "object",
        properties: {
          type: { type: "string", enum: ["WGEID", "WGAD"] },
          ready: { type: "boolean" },
          missing: { type: "array", items: ref("UnMissing") },
          urgent: { type: "boolean", description: "WGEID: the disappearance is under three months old (urgent procedure)" },
          consent: { type: "boolean", description: "The family's consent is recorded (who, when, to what)" },
          keyEventId: { type: ["string", "null"], format: "uuid" },
        },
      },
    },
    UnDraftRefusal: {
      schema: {
        type: "object",
        description: "409 without the family's recorded consent, 422 while elements are missing; details.missing lists them.",
        properties: {
          error: {
            type: "object",
            properties: {
              code: { type: "string", enum: ["CONFLICT", "INVALID"] },
              message: { type: "string" },
              details: {
                type: "object",
                properties: { missing: { type: "array", items: ref("UnMissing") } },
              },
            },
          },
        },
      },
    },
    UnReply: {
      schema: {
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          receivedAt: { type: "string", format: "date" },
          respondBy: { type: "string", format: "date", description: "Six months after receivedAt: our comments are due by then" },
          answeredAt: { type: ["string", "null"], format: "date" },
          summary: { type: ["string", "null"] },
          reminderDue: { type: "boolean", description: "From 30 days before respondBy until answered" },
          version: { type: "integer" },
        },
      },
    },
    UnSubmission: {
      schema: {
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          caseId: { type: "string", format: "uuid" },
          type: { type: "string", enum: ["WGEID", "WGAD"] },
          submitterName: { type: ["string", "null"] },
          confidentialElements: {
            type: "array",
            items: { type: "string" },
            description: "Elements written as Confidential in the draft, e.g. submitter",
          },
          arbitraryCategories: { type: "array", items: { type: "string", enum: ["I", "II", "III"] } },
          arbitraryReasons: { type: ["string", "null"] },
          sentAt: { type: ["string", "null"], format: "date" },
          unReference: { type: ["string", "null"] },
          comments: { type: ["string", "null"] },
          createdAt: { type: "string", format: "date-time" },
          version: { type: "integer" },
          replies: { type: "array", items: ref("UnReply") },
        },
      },
    },
    UnSubmissionCreate: {
      schema: unSubmissionCreateSchema,
      notes: { confidentialElements: "Elements written as Confidential in the draft, e.g. submitter", sentAt: `the day it was sent: ${DAY}` },
    },
    UnSubmissionUpdate: {
      schema: unSubmissionUpdateSchema,
      notes: { version: "the version last read", sentAt: `the day it was sent (audited as un.submission.sent): ${DAY}` },
    },
  },
  operations: [
    {
      method: "get",
      path: "/cases/{caseId}/un-readiness",
      operationId: "getCaseUnReadiness",
      access: "cases.read",
      summary: "Whether the case is ready for a WGEID and a WGAD submission, or what is missing (needs cases.read)",
      responses: {
        "200": json("Readiness per Working Group", {
          type: "object",
          properties: { WGEID: ref("UnReadiness"), WGAD: ref("UnReadiness") },
        }),
        "404": refused("Not found or not visible"),
      },
    },
    {
      method: "get",
      path: "/cases/{caseId}/wgeid",
      operationId: "getCaseWgeid",
      access: "unSubmissions.manage",
      summary: "Draft submission to the Working Group on Enforced or Involuntary Disappearances (needs unSubmissions.manage; audited)",
      description: "Chosen by `?format=` or by Accept (application/pdf or the DOCX type). Elements marked confidential, such as the submitter, are written as Confidential.",
      query: unDraftRequestSchema.pick({ format: true, lang: true }),
      queryNotes: {
        format: "Overrides the Accept header; DOCX by default",
        lang: "Language of the labels; the content stays as recorded",
      },
      responses: {
        "200": file("The draft as a download", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/pdf"),
        "403": refused("Not a coordinator or admin"),
        "404": refused("Not found or not visible"),
        "409": json("No recorded consent of the family", ref("UnDraftRefusal")),
        "422": json("Elements missing", ref("UnDraftRefusal")),
      },
    },
    {
      method: "get",
      path: "/cases/{caseId}/wgad",
      operationId: "getCaseWgad",
      access: "unSubmissions.manage",
      summary: "Draft submission to the Working Group on Arbitrary Detention (needs unSubmissions.manage; audited)",
      query: unDraftRequestSchema.pick({ format: true, lang: true }),
      queryNotes: {
        format: "Overrides the Accept header; DOCX by default",
        lang: "Language of the labels; the content stays as recorded",
      },
      responses: {
        "200": file("The draft as a download", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/pdf"),
        "409": json("No recorded consent of the family", ref("UnDraftRefusal")),
        "422": json("Elements missing", ref("UnDraftRefusal")),
      },
    },
    {
      method: "get",
      path: "/cases/{caseId}/un-submissions",
      operationId: "listCaseUnSubmissions",
      access: "unSubmissions.manage",
      summary: "The follow-up log, newest submission first, with government replies (needs unSubmissions.manage; audited)",
      responses: {
        "200": json("Submissions", {
          type: "object",
          properties: { items: { type: "array", items: ref("UnSubmission") } },
        }),
      },
    },
    {
      method: "post",
      path: "/cases/{caseId}/un-submissions",
      operationId: "createCaseUnSubmission",
      access: "unSubmissions.manage",
      summary: "Start a submission; a sending already made can be recorded at once (audited)",
      body: { schema: unSubmissionCreateSchema },
      responses: {
        "201": json("Created", ref("UnSubmission")),
      },
    },
    {
      method: "patch",
      path: "/cases/{caseId}/un-submissions/{submissionId}",
      operationId: "updateCaseUnSubmission",
      access: "unSubmissions.manage",
      summary: "Edit a submission or record its sending (date sent, UN reference; audited as un.submission.sent)",
      body: { schema: unSubmissionUpdateSchema },
      responses: {
        "200": json("Saved", ref("UnSubmission")),
        "409": refused("Stale version"),
      },
    },
    {
      method: "delete",
      path: "/cases/{caseId}/un-submissions/{submissionId}",
      operationId: "deleteCaseUnSubmission",
      access: "unSubmissions.manage",
      summary: "Remove the submission and its replies from the follow-up log (coordinators and admins; audited as un.submission.delete; kept for the audit trail, no longer read)",
      query: versionOnlySchema,
      responses: {
        "204": ok("Removed"),
        "404": refused("No such submission on this case (or already removed)"),
        "409": refused("Stale version"),
      },
    },
    {
      method: "post",
      path: "/cases/{caseId}/un-submissions/{submissionId}/replies",
      operationId: "createCaseUnSubmissionReply",
      access: "unSubmissions.manage",
      summary: "Record a government reply; our comments are due six months later",
      body: { schema: unReplyCreateSchema, notes: { receivedAt: DAY } },
      responses: {
        "201": json("Recorded", ref("UnReply")),
      },
    },
    {
      method: "patch",
      path: "/cases/{caseId}/un-submissions/{submissionId}/replies/{replyId}",
      operationId: "updateCaseUnSubmissionReply",
      access: "unSubmissions.manage",
      summary: "Record that our comments on the reply were sent; its reminder ends",
      body: { schema: unReplyAnswerSchema, notes: { answeredAt: `the day our comments were sent: ${DAY}` } },
      responses: {
        "200": json("Saved", ref("UnReply")),
      },
    },
    {
      method: "delete",
      path: "/cases/{caseId}/un-submissions/{submissionId}/replies/{replyId}",
      operationId: "deleteCaseUnSubmissionReply",
      access: "unSubmissions.manage",
      summary: "Remove a government reply from the follow-up log; its reminder ends (audited as un.reply.delete)",
      query: versionOnlySchema,
      responses: {
        "204": ok("Removed"),
        "404": refused("No such reply on this submission (or already removed)"),
        "409": refused("Stale version"),
      },
    },
    {
      method: "get",
      path: "/un-submissions/reminders",
      operationId: "listUnSubmissionReminders",
      access: "unSubmissions.manage",
      summary: "Government replies still to answer, due within 30 days or overdue, nearest deadline first (needs unSubmissions.manage)",
      responses: {
        "200": json("Reminders", {
          type: "object",
          properties: {
            items: {
              type: "array",
              items: UN_REMINDER,
            },
          },
        }),
      },
    },
  ],
};
