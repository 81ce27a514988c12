import { formatDateKey, parseDateKey, shiftDateKey } from "./time";

/**
 * The insights dashboard's calendar: a date range (inclusive days in the viewer's time
 * zone) split into buckets small enough to read and few enough to draw.
 */
export type InsightsBucket = "day" | "week" | "month";

export const MAX_INSIGHTS_RANGE_DAYS = 731;

/** Days from `from` to `to`, both included; negative when reversed. */
export function daysInRange(from: string, to: string): number {
  const a = parseDateKey(from);
  const b = parseDateKey(to);
  if (!a || !b) throw new RangeError("Dates must be YYYY-MM-DD");
  return (
    Math.round(
      (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000,
    ) + 1
  );
}

/** Up to ~6 weeks by day, up to ~7 months by (ISO, Monday) week, then by month. */
export function insightsBucket(from: string, to: string): InsightsBucket {
  const days = daysInRange(from, to);
  if (days <= 45) return "day";
  if (days <= 210) return "week";
  return "month";
}

/** The start of the bucket holding `key`, as PostgreSQL's date_trunc names it (`YYYY-MM-DD`). */
export function bucketStart(key: string, bucket: InsightsBucket): string {
  const d = parseDateKey(key);
  if (!d) throw new RangeError(`Not a date: ${key}`);
  if (bucket === "day") return key;
  if (bucket === "month") return formatDateKey(d.year, d.month, 1);
  const weekday = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay(); // 0 = Sunday
  return shiftDateKey(key, -((weekday + 6) % 7));
}

/** Every bucket start from `from` to `to`, so days without leads still show as zero. */
export function bucketKeys(from: string, to: string, bucket: InsightsBucket): string[] {
  const keys: string[] = [];
  let key = bucketStart(from, bucket);
  while (key <= to) {
    keys.push(key);
    if (bucket === "day") key = shiftDateKey(key, 1);
    else if (bucket === "week") key = shiftDateKey(key, 7);
    else {
      const d = parseDateKey(key)!;
      key =
        d.month === 12 ? formatDateKey(d.year + 1, 1, 1) : formatDateKey(d.year, d.month + 1, 1);
    }
  }
  return keys;
}

export interface SeriesPoint {
  bucket: string;
  key: string | null;
  count: number;
}

export interface StackedSeries {
  /** Series names, largest first; `null` values are named `(none)` and the tail `other`. */
  keys: string[];
  /** One row per bucket: `{ bucket, [key]: count }`. */
  rows: Array<{ bucket: string } & Record<string, number | string>>;
}

export const NONE_SERIES = "(none)";
export const OTHER_SERIES = "other";

/**
 * Turns grouped counts into rows a stacked chart draws: every bucket present, the
 * `maxSeries - 1` largest series kept by name, the rest summed as `other`.
 */
export function stackSeries(
  points: readonly SeriesPoint[],
  buckets: readonly string[],
  maxSeries = 6,
): StackedSeries {
  const totals = new Map<string, number>();
  for (const p of points) {
    const name = p.key ?? NONE_SERIES;
    totals.set(name, (totals.get(name) ?? 0) + p.count);
  }
  const ranked = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name]) => name);
  const kept = ranked.length > maxSeries ? ranked.slice(0, maxSeries - 1) : ranked;
  const keys = ranked.length > kept.length ? [...kept, OTHER_SERIES] : kept;
  const rows = buckets.map((bucket) => {
    const row: { bucket: string } & Record<string, number | string> = { bucket };
    for (const k of keys) row[k] = 0;
    return row;
  });
  const index = new Map(buckets.map((b, i) => [b, i]));
  for (const p of points) {
    const i = index.get(p.bucket);
    if (i === undefined) continue;
    const name = p.key ?? NONE_SERIES;
    const series = kept.includes(name) ? name : OTHER_SERIES;
    const row = rows[i]!;
    row[series] = (row[series] as number) + p.count;
  }
  return { keys, rows };
}

export interface FunnelStep {
  stageId: string;
  /** Leads that reached this step or a later one. */
  reached: number;
  /** Share of the previous step's leads that reached this one (null for the first). */
  conversionFromPrevious: number | null;
}

/**
 * Conversion along the funnel from a histogram of each lead's furthest step (0-based rank
 * in `stageIds`): a lead that reached step k counts as having passed every step before it.
 */
export function funnelFromFurthest(
  stageIds: readonly string[],
  furthest: ReadonlyMap<number, number>,
): FunnelStep[] {
  const reached = stageIds.map((_, rank) =>
    [...furthest.entries()].filter(([r]) => r >= rank).reduce((sum, [, n]) => sum + n, 0),
  );
  return stageIds.map((stageId, i) => ({
    stageId,
    reached: reached[i]!,
    conversionFromPrevious:
      i === 0 ? null : reached[i - 1]! > 0 ? reached[i]! / reached[i - 1]! : null,
  }));
}
