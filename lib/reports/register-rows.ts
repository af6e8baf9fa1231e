// The register's rows, read through one SQL cursor: one statement (sorted once, newest first), fetched a
// batch at a time, only the columns the register prints, each row as one JSON text that is parsed
// natively instead of mapped value by value. The cursor lives in one REPEATABLE READ read-only
// transaction (row-level security binds it as every tenant read), so the file is one consistent
// snapshot; the next batch is fetched only when the previous one has been taken, so memory holds two
// batches at most, whatever the number of rows. (Pages of LIMIT after the last row re-sorted every
// remaining action for each batch: small batches then cost the database quadratically.)
import "server-only";
import type { Ctx } from "@/lib/authz";
import type { Tx } from "@/lib/db";
import { withTenantReadOnly } from "@/lib/db-replica";
import { pulled, Stopped } from "@/lib/pulled";
import { projectPoliceAction, readsIdentifying, type DisclosureLevel, type PoliceActionRecord, type ProjectedPoliceAction } from "@/lib/disclosure";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReportRequest } from "@/lib/validations/report";
import type { ReportSetting } from "./common";
import type { Gazetteer } from "./load";

/** Rows per fetch: a larger batch saves a few round trips and holds more memory. */
export const REGISTER_BATCH = 2_000;

/**
 * How long one register's snapshot may stay open. A client slower than this breaks its download (and
 * can start it again): an open transaction holds a connection and keeps old row versions alive.
 */
export const REGISTER_TRANSACTION_MS = 5 * 60_000;

const day = (value: Date) => value.toISOString().slice(0, 10);
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The register's filter as SQL over police_actions pa, people p (the person) and protests pr. */
export function registerConditions(ctx: Ctx, request: ReportRequest): Prisma.Sql {
  const conditions: Prisma.Sql[] = [
    Prisma.sql`pa."organizationId" = ${ctx.organizationId}::uuid`,
    Prisma.sql`pa."deletedAt" IS NULL`,
    Prisma.sql`p."deletedAt" IS NULL`,
    Prisma.sql`p."mergedIntoId" IS NULL`,
  ];
  if (request.from) conditions.push(Prisma.sql`pa.date >= ${day(request.from)}::date`);
  if (request.to) conditions.push(Prisma.sql`pa.date <= ${day(request.to)}::date`);
  if (request.city) conditions.push(Prisma.sql`lower(pr.city) = lower(${request.city})`);
  if (request.type) conditions.push(Prisma.sql`pa.type = ${request.type}::"PoliceActionType"`);
  if (request.outcome) conditions.push(Prisma.sql`pa.outcome = ${request.outcome}::"PoliceOutcome"`);
  if (request.status) conditions.push(Prisma.sql`pa.status = ${request.status}::"PoliceActionStatus"`);
  if (request.q) {
    const pattern = likePattern(request.q);
    const fields = [Prisma.sql`pa.authority ILIKE ${pattern}`, Prisma.sql`pa."legalBasis" ILIKE ${pattern}`];
    // the list's search also looks at names; only a reader who sees names may search by them
    if (readsIdentifying(ctx)) fields.push(Prisma.sql`pa.lawyer ILIKE ${pattern}`, Prisma.sql`p."displayName" ILIKE ${pattern}`);
    conditions.push(Prisma.sql`(${Prisma.join(fields, " OR ")})`);
  }
  return Prisma.join(conditions, " AND ");
}

const FROM = Prisma.sql`police_actions pa
  JOIN people p ON p.id = pa."personId"
  LEFT JOIN protests pr ON pr.id = pa."protestId"
  LEFT JOIN cases c ON c.id = pa."caseId"`;

/** How many police actions the register holds for this filter (the reader may only count some). */
export async function countRegister(tx: Tx, ctx: Ctx, request: ReportRequest): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ${FROM} WHERE ${registerConditions(ctx, request)}`;
  return row?.n ?? 0;
}

/** One police action as the statement returns it: the order of json_build_array below. */
type RawRow = [
  id: string,
  personId: string,
  caseId: string | null,
  type: string,
  date: string,
  authority: string | null,
  legalBasis: string | null,
  hearingAt: string | null,
  durationHours: number | null,
  arrestDays: number | null,
  fineAmount: number | null,
  currency: string,
  lawyer: string | null,
  status: string,
  outcome: string | null,
  outcomeDate: string | null,
  outcomeFineAmount: number | null,
  outcomeDaysServed: number | null,
  personName: string,
  city: string | null,
  placeId: string | null,
  caseReference: string | null,
  caseLevel: DisclosureLevel | null,
];

const CURSOR = "register_rows";

/** Opens the cursor over the register's rows, newest first; the description is never selected. */
async function openCursor(tx: Tx, conditions: Prisma.Sql): Promise<void> {
  await tx.$executeRaw`
    DECLARE ${Prisma.raw(CURSOR)} NO SCROLL CURSOR FOR
    SELECT json_build_array(pa.id, pa."personId", pa."caseId", pa.type, pa.date, pa.authority, pa."legalBasis", pa."hearingAt",
                            pa."durationHours", pa."arrestDays", pa."fineAmount", pa.currency, pa.lawyer, pa.status, pa.outcome,
                            pa."outcomeDate", pa."outcomeFineAmount", pa."outcomeDaysServed", p."displayName", pr.city, pr."placeId",
                            c.reference, c."disclosureLevel")::text AS row
      FROM ${FROM}
     WHERE ${conditions}
     ORDER BY pa.date DESC, pa.id DESC`;
}

async function fetchBatch(tx: Tx, take: number): Promise<RawRow[]> {
  // FETCH takes no parameters; the count is an integer of ours
  const fetched = await tx.$queryRawUnsafe<{ row: string }[]>(`FETCH ${Math.trunc(take)} FROM ${CURSOR}`);
  if (fetched.length === 0) return [];
  let text = "[";
  for (let i = 0; i < fetched.length; i += 1) text += (i ? "," : "") + (fetched[i] as { row: string }).row;
  const parsed: unknown = JSON.parse(text + "]");
  return parsed as RawRow[];
}

// Calendar dates come as "YYYY-MM-DD" (midnight UTC, as Prisma reads @db.Date); moments with their offset.
const dateOf = (text: string | null) => (text === null ? null : new Date(text));

function toRecord(row: RawRow, gazetteer: Gazetteer): PoliceActionRecord {
  return {
    id: row[0],
    region: gazetteer.prefecture(row[20]),
    personId: row[1],
    personName: row[18],
    caseLevel: row[22],
    caseId: row[2],
    caseReference: row[21],
    type: row[3],
    date: new Date(row[4]),
    city: row[19],
    authority: row[5],
    legalBasis: row[6],
    hearingAt: dateOf(row[7]),
    durationHours: row[8],
    arrestDays: row[9],
    fineAmount: row[10],
    currency: row[11],
    lawyer: row[12],
    status: row[13],
    outcome: row[14],
    outcomeDate: dateOf(row[15]),
    outcomeFineAmount: row[16],
    outcomeDaysServed: row[17],
    description: null,
  };
}

export interface RegisterBatch {
  rows: ProjectedPoliceAction[];
  /** rows of this batch the reader may only count */
  counted: number;
  loaded: number;
}

/**
 * The register's rows for this filter, batch after batch, projected for the reader: the rows of
 * `REGISTER_BATCH` actions at a time (newest first), and how many of them the reader may only count.
 */
export function registerBatches(setting: ReportSetting, request: ReportRequest, take = REGISTER_BATCH): AsyncGenerator<RegisterBatch> {
  const conditions = registerConditions(setting.ctx, request);
  return pulled<RegisterBatch>((emit) =>
    withTenantReadOnly(
      setting.ctx,
      async (tx) => {
        await openCursor(tx, conditions);
        for (;;) {
          const raw = await fetchBatch(tx, take);
          const rows: ProjectedPoliceAction[] = [];
          let counted = 0;
          for (const row of raw) {
            const view = projectPoliceAction(setting.ctx, setting.key, toRecord(row, setting.gazetteer));
            if (view) rows.push(view);
            else counted += 1;
          }
          if (raw.length) await emit({ rows, counted, loaded: raw.length });
          if (raw.length < take) break;
        }
      },
      { isolationLevel: "RepeatableRead", timeout: REGISTER_TRANSACTION_MS },
    ).catch((error: unknown) => {
      // a consumer that stopped is not a failure of the read
      if (!(error instanceof Stopped)) throw error;
    }),
  );
}
