// Advocacy actions on a case (appeals, UN submissions, media work) and the responses to them.
import { z } from "zod";
import { advocacyCreateSchema, advocacyListQuerySchema, advocacyResponseSchema, advocacyUpdateSchema } from "@/lib/validations/advocacy-action";
import { windowDaysSchema } from "@/lib/validations/police-action";
import { DAY, STORED_ENCRYPTED } from "./notes";
import { versionOnlySchema } from "@/lib/validations/case";
import { ok, type ApiArea } from "./registry";

export const advocacyApi: ApiArea = {
  operations: [
    {
      method: "get",
      path: "/advocacy-actions",
      operationId: "listAdvocacyActions",
      access: "cases.read",
      summary: "List advocacy actions (caseId alone returns that case's actions with texts, audited)",
      query: advocacyListQuerySchema,
      responses: {
        "200": ok("{items, total, page, pageSize}"),
      },
    },
    {
      method: "post",
      path: "/advocacy-actions",
      operationId: "createAdvocacyAction",
      access: "cases.update",
      summary: "Record an advocacy action on a case the caller may edit",
      body: { schema: advocacyCreateSchema, notes: {
        date: DAY,
        description: STORED_ENCRYPTED,
        response: STORED_ENCRYPTED,
        responseDate: `${DAY}; not before date (\`responseBeforeAction\`)`,
      } },
      responses: {
        "201": ok("{id}"),
      },
    },
    {
      method: "get",
      path: "/advocacy-actions/awaiting",
      operationId: "listAwaitingAdvocacyActions",
      access: "cases.read",
      summary: "Advocacy actions still without a response after N days, longest wait first",
      // the service reads a missing `days` as 30
      query: z.object({ days: windowDaysSchema.default(30) }),
      responses: {
        "200": ok("{days, items}"),
      },
    },
    {
      method: "patch",
      path: "/advocacy-actions/{actionId}",
      operationId: "updateAdvocacyAction",
      access: "cases.update",
      summary: "Replace its fields (plus version)",
      body: { schema: advocacyUpdateSchema, notes: { date: DAY, description: STORED_ENCRYPTED, response: STORED_ENCRYPTED, responseDate: DAY } },
      responses: {
        "200": ok("{id, version}"),
      },
    },
    {
      method: "delete",
      path: "/advocacy-actions/{actionId}",
      operationId: "deleteAdvocacyAction",
      access: "cases.update",
      summary: "Soft-delete",
      query: versionOnlySchema,
      responses: {
        "204": ok("Removed"),
      },
    },
    {
      method: "post",
      path: "/advocacy-actions/{actionId}/response",
      operationId: "recordAdvocacyActionResponse",
      access: "cases.update",
      summary: "Record the response: {version, response, responseDate}",
      body: { schema: advocacyResponseSchema, notes: { response: STORED_ENCRYPTED, responseDate: DAY } },
      responses: {
        "200": ok("{id, version}"),
      },
    },
  ],
};
