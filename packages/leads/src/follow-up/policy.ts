/**
 * The numbers behind Microsoft's lead-management guidance, in one place so the rules,
 * the SQL behind lists and insights, and the UI all say the same thing.
 */

/** "A typical deal needs 5 to 12 follow-up calls." */
export const FOLLOW_UP_RANGE = { min: 5, max: 12 } as const;

/** Later guidance: first contact within 24 hours of the lead arriving. */
export const FIRST_CONTACT_TARGET_HOURS = 24;

/** An open lead nobody touched for this long, with nothing scheduled, has fallen silent. */
export const SILENT_AFTER_DAYS = 14;

export const DEFAULT_NURTURE_CADENCE_DAYS = 30;
export const NURTURE_CADENCE_DAYS = { min: 1, max: 365 } as const;

/** Limits that keep a tenant's configuration usable on one screen. */
export const MAX_PIPELINE_STAGES = 20;
export const MAX_QUALIFICATION_CRITERIA = 20;

/** How far ahead a follow-up may be scheduled. */
export const MAX_SCHEDULE_AHEAD_DAYS = 730;

/** Clock skew tolerated between a browser and the server for "now" (activities, schedules). */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export const DAY_MS = 24 * 60 * 60 * 1000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}
