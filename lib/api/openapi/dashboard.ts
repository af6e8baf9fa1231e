// The dashboard's figures (or a volunteer's own work).
import { UN_REMINDER } from "./un-submissions";
import { dashboardQuerySchema } from "@/lib/validations/dashboard";
import { json, ref, refused, type ApiArea } from "./registry";

export const dashboardApi: ApiArea = {
  // published counts (the small-cell rule), shared with the protest statistics
  components: {
    PublishedCount: {
      schema: {
        type: "object",
        description: "A count as the reader may see it: {value} or, below the threshold for readers without stats.exact, {hidden: small} (\"fewer than N\"); {hidden: complementary} protects a small one from subtraction.",
        properties: { value: { type: "integer", minimum: 0 }, hidden: { type: "string", enum: ["small", "complementary"] } },
      },
    },
    PublishedGroup: {
      schema: {
        type: "object",
        properties: {
          cells: { type: "object", additionalProperties: ref("PublishedCount") },
          total: ref("PublishedCount"),
          threshold: { type: "integer", minimum: 3 },
        },
      },
    },
  },
  operations: [
    {
      method: "get",
      path: "/dashboard",
      operationId: "getDashboard",
      access: "member",
      summary: "The dashboard's figures for a period (stats.read); volunteers get their own work instead",
      description: "Coordinators and admins get exact counts with what needs doing today and the workload; analysts get the same figures and charts as PublishedCounts (counts below the organisation's threshold hidden, no names, references or free text) and no lists. Case filters apply to the case figures; protests and police actions are counted for the whole group. Volunteers (no stats.read) get {kind: myWork} with their cases, tasks, hearings and changes since their last visit to the page.",
      query: dashboardQuerySchema,
      queryNotes: {
        from: "first day of a custom period",
        to: "last day of a custom period",
        hometown: "part of the subject's hometown",
        assignee: "a member's id or \"none\"",
      },
      responses: {
        "200": json("The figures", {
          type: "object",
          required: ["kind"],
          properties: {
            kind: { type: "string", enum: ["dashboard", "myWork"] },
            period: {
              type: "object",
              properties: {
                kind: { type: "string" },
                from: { type: "string", format: "date" },
                to: { type: "string", format: "date" },
                previous: {
                  type: "object",
                  properties: { from: { type: "string", format: "date" }, to: { type: "string", format: "date" } },
                },
                months: { type: "array", items: { type: "string", description: "YYYY-MM" } },
              },
            },
            exact: { type: "boolean" },
            threshold: { type: "integer" },
            headline: {
              type: "object",
              description: "Each figure is {current, previous, href} of PublishedCounts, or a group {current, previous, hrefs} of PublishedGroups (openByStatus, statusChanges, policeByType, policeByOutcome, advocacy).",
            },
            charts: {
              type: "object",
              description: "statusByMonth (cases in each status at the end of each month, from their timelines), flowByMonth (opened; released or returned), policeByMonth (tables by month), byPrefecture, byFamilyRegion, detentionToLastContact (groups). The case charts and figures come from summaries the database keeps current with every change.",
            },
            needsDoing: {
              type: ["object", "null"],
              description: "Coordinators and admins only: lists of {count, items, href}; likelyDuplicates is {count, countCapped, items} of pairs of people not yet reviewed (count stops at 1 000, countCapped past it), each {id, first, second, score, detectedAt, href} with href the page comparing and merging the two",
            },
            workload: { type: ["array", "null"], items: { type: "object" }, description: "Coordinators and admins only" },
            unSubmissions: {
              type: ["object", "null"],
              description: "Roles holding unSubmissions.manage only (null for others). Counts of open cases for the whole group (case filters do not apply): readiness.{WGEID,WGAD}.{ready,missing} as {count, href}, the href opening the case list with un=wgeid-ready, wgeid-missing, wgad-ready or wgad-missing; and reminders, the government replies whose answer is due within 30 days or overdue, each with its case and href.",
              properties: {
                readiness: {
                  type: "object",
                  additionalProperties: {
                    type: "object",
                    properties: {
                      ready: { type: "object", properties: { count: { type: "integer" }, href: { type: "string" } } },
                      missing: { type: "object", properties: { count: { type: "integer" }, href: { type: "string" } } },
                    },
                  },
                },
                reminders: {
                  type: "array",
                  items: { ...UN_REMINDER, properties: { ...UN_REMINDER.properties, href: { type: "string" } } },
                },
              },
            },
          },
        }),
        "422": refused("A date that is not a day, or an end before the start"),
      },
    },
  ],
};
