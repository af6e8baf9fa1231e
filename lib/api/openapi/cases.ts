// Cases: the case record, its timeline and its files.
import { createCaseSchema, caseListQuerySchema, eventSchema, newPersonSchema, updateCaseSchema, updateEventSchema, versionOnlySchema } from "@/lib/validations/case";
import { DAY, UNCERTAIN_DATE } from "./notes";
import { file, json, ok, ref, refused, type ApiArea } from "./registry";

export const casesApi: ApiArea = {
  components: {
    NewPerson: {
      schema: newPersonSchema,
      description: "A person created inline while opening a case (the subject or a family contact).",
      notes: {
        birthDate: UNCERTAIN_DATE,
        hometownPlaceId: "a place from GET /places, e.g. the one a Chinese resident ID was issued in",
        phone: "stored encrypted",
      },
    },
    CaseCreate: {
      schema: createCaseSchema,
      notes: {
        subject: "an existing person (personId) or one created with the case (person)",
        disclosureLevel: "ANONYMISED and PUBLIC need consentGivenBy and consentGivenAt",
        consentGivenAt: DAY,
        assignedToId: "volunteers may only assign themselves",
        "contacts.isPrimary": "at most one primary contact",
      },
    },
    CaseUpdate: {
      schema: updateCaseSchema,
      notes: { version: "the version last read", consentGivenAt: DAY },
    },
    EventInput: {
      schema: eventSchema,
      notes: {
        date: UNCERTAIN_DATE,
        placeId: "the place, from GET /places (any script)",
        placeText: "only when no place of the gazetteer fits: kept as written and marked so",
        warrantShown: "At an arrest, whether a warrant or other decision by a public authority was shown (the WGAD questionnaire's question); empty or null means not recorded",
        warrantDetails: "Which authority issued it, or what the paper said",
      },
    },
    Event: {
      schema: {
        allOf: [
          ref("EventInput"),
          {
            type: "object",
            properties: {
              id: { type: "string", format: "uuid" },
              datePrecision: { type: "string", enum: ["DAY", "MONTH", "YEAR", "UNKNOWN"] },
              place: {
                type: ["object", "null"],
                description: "The gazetteer's place with its names in every script",
                properties: {
                  id: { type: "string", format: "uuid" },
                  code: { type: "string" },
                  kind: { type: "string" },
                  country: { type: "string" },
                  nameEn: { type: "string" },
                  nameKk: { type: ["string", "null"] },
                  nameRu: { type: ["string", "null"] },
                  nameZh: { type: ["string", "null"] },
                  divisionCode: { type: ["string", "null"] },
                  parentName: { type: ["string", "null"] },
                },
              },
              version: { type: "integer" },
            },
          },
        ],
      },
    },
    CaseListItem: {
      schema: {
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          reference: { type: "string", example: "AT-2026-0137" },
          subjectName: { type: "string" },
          status: { type: "string" },
          disclosureLevel: { type: "string" },
          verificationLevel: { type: "string" },
          priority: { type: "string" },
          tags: { type: "array", items: { type: "string" } },
          assignedToId: { type: ["string", "null"] },
          lastEventDate: { type: ["string", "null"], format: "date" },
          updatedAt: { type: "string", format: "date-time" },
        },
      },
    },
  },
  operations: [
    {
      method: "get",
      path: "/cases",
      operationId: "listCases",
      access: "cases.read",
      summary: "List cases",
      description: "Volunteers, coordinators and admins; analysts are refused (403).",
      query: caseListQuerySchema,
      queryNotes: {
        q: "name in any script or spelling, or a reference",
        assignee: "a user id, \"me\" or \"none\"",
        from: "latest event on or after",
        to: "latest event on or before",
        deleted: "coordinators only",
      },
      responses: {
        "200": json("One page of cases; `total` is exact up to 1000, then `totalCapped` is true", {
          type: "object",
          properties: {
            items: { type: "array", items: ref("CaseListItem") },
            total: { type: "integer" },
            totalCapped: { type: "boolean" },
            page: { type: "integer" },
            pageSize: { type: "integer" },
          },
        }),
        "401": refused("Not signed in"),
        "403": refused("Role may not read cases"),
      },
    },
    {
      method: "post",
      path: "/cases",
      operationId: "createCase",
      access: "cases.create",
      summary: "Open a case (subject and contacts may be created in the same transaction)",
      body: { schema: createCaseSchema },
      responses: {
        "201": json("Created", { type: "object", properties: { id: { type: "string" }, reference: { type: "string" } } }),
        "422": refused("Invalid input, per field"),
      },
    },
    {
      method: "get",
      path: "/cases/{caseId}",
      operationId: "getCase",
      access: "cases.read",
      summary: "One case with its timeline, contacts (details only for those allowed), sources, files, notes and tasks",
      description: "Audited as case.view. Another organisation's case is 404.",
      responses: {
        "200": ok("The case"),
        "404": refused("Not found or not visible"),
      },
    },
    {
      method: "patch",
      path: "/cases/{caseId}",
      operationId: "updateCase",
      access: "cases.update",
      summary: "Edit a case's fields",
      body: { schema: updateCaseSchema },
      responses: {
        "200": ok("Saved; the new version"),
        "403": refused("Volunteers may edit only cases assigned to or created by them"),
        "409": refused("Stale version; `details.current` holds the saved values"),
      },
    },
    {
      method: "delete",
      path: "/cases/{caseId}",
      operationId: "deleteCase",
      access: "cases.delete",
      summary: "Soft-delete a case (coordinators and admins)",
      query: versionOnlySchema,
      responses: {
        "200": ok("Deleted"),
        "409": refused("Stale version"),
      },
    },
    {
      method: "get",
      path: "/cases/{caseId}/events",
      operationId: "listCaseEvents",
      access: "cases.read",
      summary: "The timeline in date order (undated events last)",
      responses: {
        "200": json("Events", { type: "object", properties: { items: { type: "array", items: ref("Event") } } }),
      },
    },
    {
      method: "post",
      path: "/cases/{caseId}/events",
      operationId: "createCaseEvent",
      access: "cases.update",
      summary: "Add an event; the case status follows the latest dated event unless overridden",
      description: "Refused (422, field `date`) when a release or return precedes the first detention or sentence, a death precedes the birth, or the date is in the future.",
      body: { schema: eventSchema },
      responses: {
        "201": json("Created", ref("Event")),
        "422": refused("Invalid or impossible date"),
      },
    },
    {
      method: "patch",
      path: "/cases/{caseId}/events/{eventId}",
      operationId: "updateCaseEvent",
      access: "cases.update",
      summary: "Replace an event's fields",
      body: { schema: updateEventSchema },
      responses: {
        "200": json("Saved", ref("Event")),
        "409": refused("Stale version"),
      },
    },
    {
      method: "delete",
      path: "/cases/{caseId}/events/{eventId}",
      operationId: "deleteCaseEvent",
      access: "cases.update",
      summary: "Remove an event",
      query: versionOnlySchema,
      responses: {
        "204": ok("Removed"),
      },
    },
    {
      method: "post",
      path: "/cases/{caseId}/attachments",
      operationId: "createCaseAttachment",
      access: "cases.update",
      summary: "Attach a file to the case or one of its events",
      description: "Type checked by content (PDF, JPEG, PNG, WebP, MP4, WebM, MP3/M4A/OGG, DOCX, ODT, UTF-8 text); size at most MAX_UPLOAD_MB; image metadata (EXIF, GPS) removed; stored encrypted.",
      body: { multipart: {
        type: "object",
        required: ["file"],
        properties: { file: { type: "string", format: "binary" }, caseEventId: { type: "string", format: "uuid" } },
      } },
      responses: {
        "201": ok("Attached"),
        "413": refused("Too large"),
        "422": refused("Type not allowed or too large (field `file`)"),
      },
    },
    {
      method: "get",
      path: "/attachments/{attachmentId}",
      operationId: "getAttachment",
      access: "cases.read",
      summary: "Download a file (audited as attachment.download; always Content-Disposition attachment)",
      responses: {
        "200": file("The file's bytes", "application/octet-stream"),
        "404": refused("Not found or not visible"),
      },
    },
    {
      method: "delete",
      path: "/attachments/{attachmentId}",
      operationId: "deleteAttachment",
      access: "cases.update",
      summary: "Remove a file from its case",
      responses: {
        "204": ok("Removed"),
      },
    },
  ],
};
