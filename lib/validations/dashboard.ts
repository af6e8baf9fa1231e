// The dashboard's filters, read from the URL (page) or the query string (API): period and case filters.
import "@/lib/security/zod-no-eval";
import { z } from "zod";
import { CaseStatus } from "@/lib/generated/prisma/enums";
import { filterBound } from "./dates";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "invalidDate").refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "invalidDate");

export const DASHBOARD_PERIODS = ["month", "lastMonth", "quarter", "year", "custom"] as const;
export type DashboardPeriodKind = (typeof DASHBOARD_PERIODS)[number];

export const dashboardQuerySchema = z
  .object({
    period: z.enum(DASHBOARD_PERIODS).optional().catch(undefined),
    // typed at any precision, as in every list filter ("наурыз 2018" → 1 to 31 March)
    from: filterBound("from", day.optional()),
    to: filterBound("to", day.optional()),
    status: z.enum(CaseStatus).optional().catch(undefined),
    tag: z.string().trim().max(40).optional().catch(undefined),
    hometown: z.string().trim().max(200).optional().catch(undefined),
    assignee: z.union([z.uuid(), z.literal("none")]).optional().catch(undefined),
  })
  .transform((value) => ({
    ...value,
    // from/to without a period mean a custom period
    period: value.period ?? (value.from || value.to ? ("custom" as const) : ("month" as const)),
    tag: value.tag || undefined,
    hometown: value.hometown || undefined,
  }))
  .refine((value) => !(value.from && value.to) || value.from <= value.to, { message: "dateOrder", path: ["to"] });
export type DashboardQuery = z.output<typeof dashboardQuerySchema>;
