/**
 * Calendar days in a time zone, with nothing but `Intl` (no clock, no I/O): the
 * boundaries of "today" for due lists and the digest, and wall-clock input from a form.
 */

export function isValidTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading of an instant in a time zone. */
export function wallTimeIn(instant: Date, timeZone: string): WallTime {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

function offsetMs(instant: Date, timeZone: string): number {
  const w = wallTimeIn(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a wall-clock time denotes in a time zone. A time repeated by a DST change
 * resolves to its first occurrence; a time skipped by one is read with the offset in force
 * before the change (02:30 on a spring-forward night becomes 03:30).
 */
export function zonedTimeToInstant(
  wall: Omit<WallTime, "second"> & { second?: number },
  timeZone: string,
): Date {
  const second = wall.second ?? 0;
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, second);
  const halfDay = 12 * 60 * 60 * 1000;
  const before = guess - offsetMs(new Date(guess - halfDay), timeZone);
  const after = guess - offsetMs(new Date(guess + halfDay), timeZone);
  const matches = (t: number) => {
    const w = wallTimeIn(new Date(t), timeZone);
    return (
      w.year === wall.year &&
      w.month === wall.month &&
      w.day === wall.day &&
      w.hour === wall.hour &&
      w.minute === wall.minute
    );
  };
  const valid = [before, after].filter(matches);
  return new Date(valid.length > 0 ? Math.min(...valid) : before);
}

/** `YYYY-MM-DD` of the instant's calendar day in the time zone. */
export function localDateKey(instant: Date, timeZone: string): string {
  const w = wallTimeIn(instant, timeZone);
  return formatDateKey(w.year, w.month, w.day);
}

export function formatDateKey(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`; null for anything else or a day that does not exist (2025-02-30). */
export function parseDateKey(key: string): { year: number; month: number; day: number } | null {
  const match = DATE_KEY.exec(key);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  )
    return null;
  return { year, month, day };
}

/** The date key `days` calendar days after `key` (negative goes back). */
export function shiftDateKey(key: string, days: number): string {
  const parsed = parseDateKey(key);
  if (!parsed) throw new RangeError(`Not a date: ${key}`);
  const d = new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.day + days));
  return formatDateKey(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The first instant of a calendar day in the time zone. */
export function startOfDateKey(key: string, timeZone: string): Date {
  const parsed = parseDateKey(key);
  if (!parsed) throw new RangeError(`Not a date: ${key}`);
  return zonedTimeToInstant({ ...parsed, hour: 0, minute: 0 }, timeZone);
}

export interface DayBounds {
  /** First instant of the day. */
  start: Date;
  /** First instant of the next day (exclusive end). */
  end: Date;
  key: string;
}

/** Today's boundaries in the time zone: `start <= t < end` is "today". */
export function dayBounds(now: Date, timeZone: string): DayBounds {
  const key = localDateKey(now, timeZone);
  return {
    key,
    start: startOfDateKey(key, timeZone),
    end: startOfDateKey(shiftDateKey(key, 1), timeZone),
  };
}

/**
 * Reads an `<input type="datetime-local">` value (`YYYY-MM-DDTHH:mm`) as a time in the
 * given zone; null when malformed.
 */
export function parseLocalDateTime(value: string, timeZone: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const date = parseDateKey(match[1]!);
  const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (!date || hour > 23 || minute > 59 || second > 59) return null;
  return zonedTimeToInstant({ ...date, hour, minute, second }, timeZone);
}

/** The `datetime-local` value showing the instant in the time zone. */
export function toLocalDateTimeValue(instant: Date, timeZone: string): string {
  const w = wallTimeIn(instant, timeZone);
  return `${formatDateKey(w.year, w.month, w.day)}T${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
}
