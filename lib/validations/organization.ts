import "@/lib/security/zod-no-eval";
import { z } from "zod";
import { LOCALES } from "../i18n/config";

export const organizationSettingsSchema = z.object({
  defaultLocale: z.enum(LOCALES, "invalidChoice"),
  require2fa: z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean()),
  version: z.coerce.number().int().min(1),
});
export type OrganizationSettingsInput = z.input<typeof organizationSettingsSchema>;
