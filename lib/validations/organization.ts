import "@/lib/security/zod-no-eval";
import { z } from "zod";
import { LOCALES } from "../i18n/config";

export const organizationSettingsSchema = z.object({
  defaultLocale: z.enum(LOCALES, "invalidChoice"),
  require2fa: z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean()),
  smallCellThreshold: z.coerce.number("invalidNumber").int("invalidNumber").min(3, "smallCellTooLow").max(100, "numberTooLarge").optional(),
  staleCaseDays: z.coerce.number("invalidNumber").int("invalidNumber").min(1, "numberTooSmall").max(3650, "numberTooLarge").optional(),
  unansweredAdvocacyDays: z.coerce.number("invalidNumber").int("invalidNumber").min(1, "numberTooSmall").max(3650, "numberTooLarge").optional(),
  reportRetentionDays: z.coerce.number("invalidNumber").int("invalidNumber").min(1, "numberTooSmall").max(365, "numberTooLarge").optional(),
  version: z.coerce.number().int().min(1),
});
export type OrganizationSettingsInput = z.input<typeof organizationSettingsSchema>;
