// Words shared by several areas' field notes.

/** An uncertain date as the timeline and birth dates take it (lib/validations/dates.ts `uncertainDateSchema`). */
export const UNCERTAIN_DATE =
  '"2017" (year), "2018-03" (month), "2018-03-12" (day) or "" (unknown); also as people type them, e.g. "12.03.2018", "March 2018", "наурыз 2018 ж.", "март 2018"';

/** A day as the API takes it (lib/validations/dates.ts `daySchema`). */
export const DAY = '"YYYY-MM-DD"; also as people type a day, e.g. "12.03.2018" or "12 наурыз 2018 ж."';

/** A moment (lib/validations/dates.ts `dateTimeSchema`). */
export const DATE_TIME = '"YYYY-MM-DDTHH:MM", with optional seconds and an offset ("Z", "+05:00")';

export const STORED_ENCRYPTED = "Stored encrypted";
