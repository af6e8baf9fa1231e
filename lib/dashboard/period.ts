// The dashboard's period and the one before it, as whole UTC days: calendar month, last month,
// quarter, year, or a custom range compared with as many days just before it. Pure: unit-tested.
import type { DashboardPeriodKind } from "@/lib/validations/dashboard";

export interface Period {
  kind: DashboardPeriodKind;
  /** first day (YYYY-MM-DD) */
  from: string;
  /** last day, inclusive (YYYY-MM-DD) */
  to: string;
  previous: { from: string; to: string };
  /** the months the charts show (YYYY-MM): the period's months, and at least the twelve ending with it */
  months: string[];
}

const DAY = 86_400_000;
const iso = (date: Date) => date.toISOString().slice(0, 10);
const utc = (year: number, month: number, day = 1) => new Date(Date.UTC(year, month, day));
const lastDay = (exclusiveEnd: Date) => iso(new Date(exclusiveEnd.getTime() - DAY));

function monthsBetween(from: Date, toInclusive: Date): string[] {
  const months: string[] = [];
  for (let cursor = utc(from.getUTCFullYear(), from.getUTCMonth()); cursor <= toInclusive; cursor = utc(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1)) {
    months.push(iso(cursor).slice(0, 7));
  }
  return months;
}

/** A custom period is at most ten years long; longer ones are cut at their end. */
const MAX_DAYS = 3660;

export function resolvePeriod(query: { period: DashboardPeriodKind; from?: string; to?: string }, now: Date = new Date()): Period {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  let start: Date;
  let end: Date; // exclusive
  let previousStart: Date;
  switch (query.period) {
    case "lastMonth":
      start = utc(year, month - 1);
      end = utc(year, month);
      previousStart = utc(year, month - 2);
      break;
    case "quarter": {
      const first = month - (month % 3);
      start = utc(year, first);
      end = utc(year, first + 3);
      previousStart = utc(year, first - 3);
      break;
    }
    case "year":
      start = utc(year, 0);
      end = utc(year + 1, 0);
      previousStart = utc(year - 1, 0);
      break;
    case "custom": {
      end = query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY) : utc(year, month, now.getUTCDate() + 1);
      start = query.from ? new Date(`${query.from}T00:00:00Z`) : new Date(end.getTime() - 30 * DAY);
      if (end.getTime() - start.getTime() > MAX_DAYS * DAY) start = new Date(end.getTime() - MAX_DAYS * DAY);
      previousStart = new Date(start.getTime() - (end.getTime() - start.getTime()));
      break;
    }
    default:
      start = utc(year, month);
      end = utc(year, month + 1);
      previousStart = utc(year, month - 1);
  }
  const toInclusive = new Date(end.getTime() - DAY);
  const chartStart = utc(toInclusive.getUTCFullYear(), toInclusive.getUTCMonth() - 11);
  return {
    kind: query.period,
    from: iso(start),
    to: lastDay(end),
    previous: { from: iso(previousStart), to: lastDay(start) },
    months: monthsBetween(start < chartStart ? start : chartStart, toInclusive),
  };
}
