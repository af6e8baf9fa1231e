// A calendar day that exists, shared by the date readers (./dates, ./typed-date) without an import cycle.

/** The calendar day as midnight UTC; null when it does not exist (30 February, month 13). */
export function calendarDay(year: number, month: number, day: number): Date | null {
  // setUTCFullYear, not Date.UTC, which reads years below 100 as 19xx
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // a day that does not exist (30 February) has rolled over into the next month: refuse it
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}
