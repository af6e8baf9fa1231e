// The language choice as forms, actions and the API receive it.
import "@/lib/security/zod-no-eval";
import { z } from "zod";
import { LOCALES } from "./config";

export const localeSchema = z.enum(LOCALES, { message: "invalidLocale" });
export const setLocaleSchema = z.object({ locale: localeSchema });
export type SetLocaleInput = z.infer<typeof setLocaleSchema>;
