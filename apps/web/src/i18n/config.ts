export const locales = ["en", "ru"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";
export const LOCALE_COOKIE = "NEXT_LOCALE";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** The browser's IANA time zone, set by <TimeZoneSync>: days, "today" and insights' buckets are cut in it. */
export const TIME_ZONE_COOKIE = "leadrelay-tz";

/** `value` when it is a time zone this runtime knows, else null. */
export function knownTimeZone(value: string | undefined): string | null {
  if (!value || value.length > 64) return null;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return value;
  } catch {
    return null;
  }
}
