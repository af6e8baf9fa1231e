// What a member sends while importing a spreadsheet: the sheet and its column mapping, the decisions on
// unknown values, unmatched places and likely duplicates, and a template to save. Shared by the import
// screen's requests, the API and the background job (which re-reads its stored payload with it).
import "@/lib/security/zod-no-eval";
import { z } from "zod";
import { IMPORT_ENTITIES } from "@/lib/imports/fields";

const CHOICE = { message: "invalidChoice" } as const;
const key = z.string().max(300, "tooLong");
const uuid = z.string().uuid("invalidChoice");

const decisionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("link"), personId: uuid }),
  z.object({ action: z.literal("create") }),
  z.object({ action: z.literal("skip") }),
]);
export type DuplicateDecision = z.infer<typeof decisionSchema>;

export const importMappingSchema = z.object({
  sheet: z.string().max(200, "tooLong").default(""),
  entity: z.enum(IMPORT_ENTITIES, CHOICE),
  encoding: z.enum(["utf-8", "windows-1251"], CHOICE).optional(),
  /** column index (as text) → field name; "" leaves the column out */
  columns: z.record(z.string().regex(/^\d{1,3}$/, "invalidChoice"), z.string().max(60, "tooLong")).default({}),
  /** field → normalised cell text → enum value */
  values: z.record(z.string().max(60, "tooLong"), z.record(key, z.string().max(60, "tooLong"))).default({}),
  /** normalised place text → a gazetteer place id, or "text" to keep it as written */
  places: z.record(key, z.union([uuid, z.literal("text")])).default({}),
  /** spreadsheet row number → what to do with a likely duplicate */
  decisions: z.record(z.string().regex(/^\d{1,7}$/, "invalidChoice"), decisionSchema).default({}),
  /** what rows with a likely duplicate and no decision of their own do: "ask" leaves them undecided */
  duplicateDefault: z.enum(["ask", "create", "skip"], CHOICE).default("ask"),
  locale: z.enum(["kk", "ru", "en"], CHOICE).default("kk"),
});
export type ImportMappingInput = z.input<typeof importMappingSchema>;
export type ImportMapping = z.output<typeof importMappingSchema>;

export const importCommitSchema = importMappingSchema.extend({ uploadId: uuid });
export type ImportCommitInput = z.input<typeof importCommitSchema>;

/** The preview's pages of issues and of rows with likely duplicates (1-based, as the lists page); a wrong value is refused, not guessed. */
export const PREVIEW_PAGING = {
  issues: { pageSize: 500, maxPageSize: 1000 },
  duplicates: { pageSize: 100, maxPageSize: 200 },
  maxPage: 10_000,
} as const;

const page = z.number("invalidNumber").int("invalidNumber").min(1, "numberTooSmall").max(PREVIEW_PAGING.maxPage, "numberTooLarge").default(1);
const pageSize = (limits: { pageSize: number; maxPageSize: number }) => z.number("invalidNumber").int("invalidNumber").min(1, "numberTooSmall").max(limits.maxPageSize, "numberTooLarge").default(limits.pageSize);

/** What the preview is sent (the mapping and decisions) and which pages it answers. */
export const importPreviewMappingSchema = importMappingSchema.extend({
  issuesPage: page,
  issuesPageSize: pageSize(PREVIEW_PAGING.issues),
  duplicatesPage: page,
  duplicatesPageSize: pageSize(PREVIEW_PAGING.duplicates),
});
export const importPreviewSchema = importPreviewMappingSchema.extend({ uploadId: uuid });
export type ImportPreviewInput = z.input<typeof importPreviewSchema>;

export const importTemplateSchema = z.object({
  name: z.string().trim().min(1, "required").max(100, "tooLong"),
  entity: z.enum(IMPORT_ENTITIES, CHOICE),
  /** normalised header text → field */
  columns: z.record(key, z.string().max(60, "tooLong")).default({}),
  values: z.record(z.string().max(60, "tooLong"), z.record(key, z.string().max(60, "tooLong"))).default({}),
});
export type ImportTemplateInput = z.input<typeof importTemplateSchema>;
