// Police actions against protesters: summonses, detentions, fines, hearings and their outcomes.
import { z } from "zod";
import { policeActionCreateSchema, policeActionListQuerySchema, policeActionUpdateSchema, policeOutcomeSchema, windowDaysSchema } from "@/lib/validations/police-action";
import { DATE_TIME, DAY, STORED_ENCRYPTED } from "./notes";
import { versionOnlySchema } from "@/lib/validations/case";
import { ok, refused, type ApiArea } from "./registry";

const POLICE_ACTION_NOTES = { date: DAY, hearingAt: DATE_TIME, outcomeDate: DAY, appealResultDate: DAY, description: STORED_ENCRYPTED };

export const policeActionsApi: ApiArea = {
  operations: [
    {
      method: "get",
      path: "/police-actions",
      operationId: "listPoliceActions",
      access: "protests.read",
      summary: "List police actions",
      query: policeActionListQuerySchema,
      queryNotes: { city: "City of the linked protest" },
      responses: {
        "200": ok("{items, total, page, pageSize}"),
      },
    },
    {
      method: "post",
      path: "/police-actions",
      operationId: "createPoliceAction",
      access: "protests.write",
      summary: "Record a police action against a person",
      description: "Rules: outcomeDate not before date (`outcomeBeforeAction`); a RESOLVED action with a hearing needs an outcome (`resolvedWithoutOutcome`); fines must be positive (`mustBePositive`); administrative arrest and days served at most 30 (`arrestDaysOverMax`, the longest the Code of Administrative Offences allows); detention at most 72 hours (`detentionHoursOverMax`).",
      body: { schema: policeActionCreateSchema, notes: POLICE_ACTION_NOTES },
      responses: {
        "201": ok("{id}"),
        "422": refused("Invalid fields"),
      },
    },
    {
      method: "get",
      path: "/police-actions/upcoming",
      operationId: "listUpcomingPoliceActions",
      access: "protests.read",
      summary: "Pending actions with a hearing in the next N days, and pending ones whose hearing passed without an outcome",
      query: z.object({ days: windowDaysSchema }),
      responses: {
        "200": ok("{days, upcoming, overdue}"),
      },
    },
    {
      method: "get",
      path: "/police-actions/{actionId}",
      operationId: "getPoliceAction",
      access: "protests.read",
      summary: "One police action (audited as policeAction.view)",
      responses: {
        "200": ok("The action"),
      },
    },
    {
      method: "patch",
      path: "/police-actions/{actionId}",
      operationId: "updatePoliceAction",
      access: "protests.write",
      summary: "Replace its fields (same body as POST plus version)",
      body: { schema: policeActionUpdateSchema, notes: POLICE_ACTION_NOTES },
      responses: {
        "200": ok("{id, version}"),
        "409": refused("Changed meanwhile"),
      },
    },
    {
      method: "delete",
      path: "/police-actions/{actionId}",
      operationId: "deletePoliceAction",
      access: "protests.write",
      summary: "Soft-delete",
      query: versionOnlySchema,
      responses: {
        "204": ok("Removed"),
      },
    },
    {
      method: "post",
      path: "/police-actions/{actionId}/outcome",
      operationId: "recordPoliceActionOutcome",
      access: "protests.write",
      summary: "Record the outcome; status becomes RESOLVED unless an appeal is pending",
      body: { schema: policeOutcomeSchema, notes: { outcomeDate: DAY, appealResultDate: DAY } },
      responses: {
        "200": ok("{id, version}"),
      },
    },
  ],
};
