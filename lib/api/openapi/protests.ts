// Protests and their participants, and the protest statistics.
import { z } from "zod";
import { participantSchema, protestCreateSchema, protestListQuerySchema, protestUpdateSchema } from "@/lib/validations/protest";
import { DATE_TIME, STORED_ENCRYPTED } from "./notes";
import { versionOnlySchema } from "@/lib/validations/case";
import { json, ok, ref, refused, type ApiArea } from "./registry";

export const protestsApi: ApiArea = {
  operations: [
    {
      method: "get",
      path: "/protests",
      operationId: "listProtests",
      access: "protests.read",
      summary: "List protests (needs protests.read; analysts are refused)",
      query: protestListQuerySchema,
      queryNotes: { q: "City, place, organiser or participant name" },
      responses: {
        "200": ok("{items, total, page, pageSize}"),
      },
    },
    {
      method: "post",
      path: "/protests",
      operationId: "createProtest",
      access: "protests.write",
      summary: "Record a protest with participants and sources (all or nothing)",
      body: { schema: protestCreateSchema, notes: {
        startsAt: DATE_TIME,
        description: STORED_ENCRYPTED,
        participants: "Each either a known person (personId) or a new one (newPerson.name); the same person twice is refused (`duplicate`).",
      } },
      responses: {
        "201": ok("{id}"),
        "422": refused("Invalid fields (per-field message keys)"),
      },
    },
    {
      method: "get",
      path: "/protests/stats",
      operationId: "getProtestStats",
      access: "stats.read",
      summary: "Counts only (protests by kind, police actions by type, status and outcome, fines, days served); needs stats.read",
      description: "Every count is a PublishedCount. Analysts see counts below the organisation's small-cell threshold as hidden, and sums (fines, days served) made up of fewer records than the threshold hidden too; coordinators and admins (stats.exact) see exact values.",
      query: protestListQuerySchema.pick({ from: true, to: true }),
      responses: {
        "200": json("Aggregates without names", {
          type: "object",
          properties: {
            exact: { type: "boolean" },
            threshold: { type: "integer" },
            protestsByKind: ref("PublishedGroup"),
            participations: ref("PublishedCount"),
            policeActionsByType: ref("PublishedGroup"),
            policeActionsByStatus: ref("PublishedGroup"),
            outcomes: ref("PublishedGroup"),
            finesByCurrency: { type: "object", additionalProperties: ref("PublishedCount") },
            daysServed: ref("PublishedCount"),
          },
        }),
      },
    },
    {
      method: "get",
      path: "/protests/{protestId}",
      operationId: "getProtest",
      access: "protests.read",
      summary: "One protest with participants and the police actions that followed (audited as protest.view)",
      responses: {
        "200": ok("The protest"),
        "404": refused("Not found or not visible"),
      },
    },
    {
      method: "patch",
      path: "/protests/{protestId}",
      operationId: "updateProtest",
      access: "protests.write",
      summary: "Edit the protest's fields (volunteers only their own records); send the version last read",
      body: { schema: protestUpdateSchema, notes: { startsAt: DATE_TIME, description: STORED_ENCRYPTED } },
      responses: {
        "200": ok("{id, version}"),
        "403": refused("Recorded by someone else"),
        "409": refused("Changed meanwhile; details.current holds the current state"),
      },
    },
    {
      method: "delete",
      path: "/protests/{protestId}",
      operationId: "deleteProtest",
      access: "protests.write",
      summary: "Soft-delete",
      query: versionOnlySchema,
      responses: {
        "204": ok("Removed"),
      },
    },
    {
      method: "post",
      path: "/protests/{protestId}/participants",
      operationId: "createProtestParticipant",
      access: "protests.write",
      summary: "Add participants: {participants: [{personId | newPerson, role, caseId}]}; someone already there is refused",
      // the service takes {participants: [...]} or the list alone, and refuses an empty list
      body: { schema: z.object({ participants: z.array(participantSchema).min(1, "required").max(500, "tooLong") }) },
      responses: {
        "201": ok("{personIds}"),
        "422": refused("Duplicate or unknown participant"),
      },
    },
    {
      method: "delete",
      path: "/protests/{protestId}/participants/{personId}",
      operationId: "deleteProtestParticipant",
      access: "protests.write",
      summary: "Take a participant off the protest",
      responses: {
        "204": ok("Removed"),
      },
    },
  ],
};
