/**
 * Text normalisation shared by every parser and by the canonical schema.
 *
 * Marketplace payloads send every field as a string that "may be missing or empty" and
 * sometimes padded (" GRACE@Navy.Example "): the canonical form of a text value is trimmed
 * and non-empty, or absent. Case and inner characters are kept exactly as sent.
 */
export function normalizeText(value: string | undefined | null): string | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** True when `value` is already in canonical form (what `normalizeText` returns unchanged). */
export function isCanonicalText(value: string): boolean {
  return normalizeText(value) === value;
}

/** Drops keys whose value is `undefined`, so leads compare and serialise without noise. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, fieldValue]) => fieldValue !== undefined),
  ) as T;
}

/** ISO 8601 with a zone, including the six-digit years `toISOString` writes past 9999. */
const ISO_DATE_TIME =
  /^(\d{4}|[+-]\d{6})-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/u;

/** A date from ISO 8601 text only: `new Date(text)` alone would read "1" as the year 2001. */
export function parseIsoDateTime(text: string): Date | undefined {
  const trimmed = text.trim();
  if (!ISO_DATE_TIME.test(trimmed)) return undefined;
  const date = new Date(trimmed);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The value as PostgreSQL can store it: U+0000 removed from every string and key (text
 * and jsonb columns refuse it) and `__proto__` keys dropped (JSON.parse makes them own
 * properties, which Prisma cannot serialise). Both were 500s found by the capture fuzz test;
 * every capture channel passes its lead through this.
 */
export function storableValue<T>(value: T): T {
  if (typeof value === "string") return value.replaceAll("\u0000", "") as T;
  if (Array.isArray(value)) return value.map(storableValue) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value).filter(([key]) => key !== "__proto__");
    return Object.fromEntries(entries.map(([key, item]) => [storableValue(key), storableValue(item)])) as T;
  }
  return value;
}
