// The organisation's audit log (admins).
import { auditQuerySchema } from "@/lib/audit-log/find-audit-events";
import { json, refused, type ApiArea } from "./registry";

export const auditApi: ApiArea = {
  operations: [
    {
      method: "get",
      path: "/audit-events",
      operationId: "listAuditEvents",
      access: "audit.read",
      summary: "A page of the organisation's audit log, newest first (admins)",
      description: "Events carry field names, never values; actor names are members' names.",
      query: auditQuerySchema,
      queryNotes: {
        from: "From this day (or instant)",
        to: "Up to and including this day",
        action: "Action prefix, e.g. `person.` or `case.view`",
        entityType: "e.g. Case, Person, Attachment",
      },
      responses: {
        "200": json("Events", {
          type: "object",
          properties: {
            total: { type: "integer" },
            page: { type: "integer" },
            pageSize: { type: "integer" },
            events: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  id: { type: "string" },
                  createdAt: { type: "string", format: "date-time" },
                  action: { type: "string" },
                  actorUserId: { type: ["string", "null"] },
                  actorName: { type: ["string", "null"] },
                  entityType: { type: ["string", "null"] },
                  entityId: { type: ["string", "null"] },
                  changedFields: { type: "array", items: { type: "string" } },
                },
              },
            },
          },
        }),
        "403": refused("Not an admin"),
      },
    },
    {
      method: "get",
      path: "/audit-events/export",
      operationId: "exportAuditEvents",
      access: "audit.read",
      summary: "The filtered audit log as CSV (admins; audited as audit.export)",
      description: "Cells a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) are prefixed with an apostrophe.",
      query: auditQuerySchema,
      queryNotes: {
        from: "From this day (or instant)",
        to: "Up to and including this day",
        action: "Action prefix, e.g. `person.` or `case.view`",
        entityType: "e.g. Case, Person, Attachment",
      },
      responses: {
        "200": { description: "CSV file", content: { "text/csv": { schema: { type: "string" } } } },
        "403": refused("Not an admin"),
      },
    },
  ],
};
