/**
 * The arithmetic behind the insights rollups: the dashboard sums per-UTC-day rollup rows for
 * the whole days of a range and reads leads only for part-days (a bucket boundary or a range
 * edge inside a UTC day, as in any time zone but UTC); medians come from log-scale
 * histograms. The SQL side is migration 20261126104824_insights_rollups; its constants
 * mirror these.
 */

/**
 * Time to first contact, bucketed: bucket 0 is under a minute, bucket k ≥ 1 covers
 * [60·1.1^(k-1), 60·1.1^k) seconds, the last one everything from about 115 days on.
 * A median read from it is within 5 % of the exact one from a minute on (see medianFromHistogram).
 */
export const FIRST_CONTACT_BUCKETS = { count: 128, firstSeconds: 60, growth: 1.1 } as const;

/** Lower bound in seconds of first-contact bucket `k`. */
export function firstContactBucketStart(k: number): number {
  return k === 0 ? 0 : FIRST_CONTACT_BUCKETS.firstSeconds * FIRST_CONTACT_BUCKETS.growth ** (k - 1);
}

/** The bucket of a time to first contact, as the SQL function insights_first_contact_bucket computes it. */
export function firstContactBucket(seconds: number): number {
  const { firstSeconds, growth, count } = FIRST_CONTACT_BUCKETS;
  if (seconds < firstSeconds) return 0;
  return Math.min(count - 1, 1 + Math.floor(Math.log(seconds / firstSeconds) / Math.log(growth)));
}

/**
 * The median in seconds of a first-contact histogram (index k counts bucket k); null when
 * empty. Like PostgreSQL's percentile_cont: the middle lead, or the mean of the two middle
 * ones, each taken at its bucket's geometric midpoint. So the figure is within 5 % of the
 * exact median (√1.1 − 1) from a minute on, within 30 s below it, and within 30 s + 5 % when
 * the two middle leads straddle the minute.
 */
export function medianFromHistogram(histogram: readonly number[]): number | null {
  const total = histogram.reduce((sum, n) => sum + Math.max(0, n), 0);
  if (total <= 0) return null;
  const position = (total - 1) / 2;
  const lower = Math.floor(position);
  const lo = midpointOfNth(histogram, lower);
  return lo + (midpointOfNth(histogram, Math.ceil(position)) - lo) * (position - lower);
}

/** The midpoint of the bucket holding the `index`-th smallest lead (0-based) of a first-contact histogram. */
function midpointOfNth(histogram: readonly number[], index: number): number {
  let below = 0;
  let k = 0;
  for (; k < histogram.length; k++) {
    below += Math.max(0, histogram[k] ?? 0);
    if (index < below) break;
  }
  if (k === 0) return FIRST_CONTACT_BUCKETS.firstSeconds / 2;
  // The last bucket is open-ended: its start is all that is known.
  if (k >= FIRST_CONTACT_BUCKETS.count - 1) return firstContactBucketStart(FIRST_CONTACT_BUCKETS.count - 1);
  return firstContactBucketStart(k) * Math.sqrt(FIRST_CONTACT_BUCKETS.growth);
}

/** Element-wise sum of histograms of any lengths. */
export function addHistograms(a: readonly number[], b: readonly number[]): number[] {
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
}

export type RollupUnit = "day" | "hour";

export interface RangeSplit {
  /** Whole UTC units (days `YYYY-MM-DD` or hours `YYYY-MM-DD HH:00:00`) from `wholeFrom` (inclusive) to `wholeTo` (exclusive)… */
  wholeFrom: string;
  wholeTo: string;
  /** …except these, which a bucket boundary cuts. */
  cutUnits: string[];
  /** What the whole units leave: the cut units and the range's part-units at each edge. */
  partial: { start: Date; end: Date }[];
}

const UNIT_MS: Record<RollupUnit, number> = { day: 86_400_000, hour: 3_600_000 };
const unitKey = (ms: number, unit: RollupUnit) =>
  unit === "day" ? new Date(ms).toISOString().slice(0, 10) : new Date(ms).toISOString().slice(0, 19).replace("T", " ");

/**
 * Splits [from, to) into whole UTC units (days or hours), each inside one bucket (read from
 * a rollup), and the rest: the edges when they are not on a unit boundary, and every unit a
 * bucket boundary (`cuts`, e.g. local midnights) falls inside. In UTC nothing is left over;
 * in Berlin a range by day leaves every day, which splits again into whole hours; a range by
 * month leaves its ~13 cut days.
 */
export function splitRange(from: Date, to: Date, cuts: readonly Date[] = [], unit: RollupUnit = "day"): RangeSplit {
  const size = UNIT_MS[unit];
  const start = from.getTime();
  const end = to.getTime();
  const firstWhole = Math.ceil(start / size) * size;
  const lastWhole = Math.floor(end / size) * size;
  const partial: { start: Date; end: Date }[] = [];
  if (firstWhole >= lastWhole) {
    // No whole unit inside: all of it is left over.
    if (end > start) partial.push({ start: from, end: to });
    return { wholeFrom: unitKey(firstWhole, unit), wholeTo: unitKey(firstWhole, unit), cutUnits: [], partial };
  }
  if (start < firstWhole) partial.push({ start: from, end: new Date(firstWhole) });
  const cutUnits = new Set<number>();
  for (const cut of cuts) {
    const t = cut.getTime();
    if (t <= firstWhole || t >= lastWhole || t % size === 0) continue;
    cutUnits.add(Math.floor(t / size) * size);
  }
  const sortedCuts = [...cutUnits].sort((a, b) => a - b);
  for (const unitStart of sortedCuts) {
    const last = partial.at(-1);
    // Adjacent cut units (a range by day in a non-UTC zone) make one span.
    if (last && last.end.getTime() === unitStart) last.end = new Date(unitStart + size);
    else partial.push({ start: new Date(unitStart), end: new Date(unitStart + size) });
  }
  if (end > lastWhole) {
    const last = partial.at(-1);
    if (last && last.end.getTime() === lastWhole) last.end = to;
    else partial.push({ start: new Date(lastWhole), end: to });
  }
  return { wholeFrom: unitKey(firstWhole, unit), wholeTo: unitKey(lastWhole, unit), cutUnits: sortedCuts.map((t) => unitKey(t, unit)), partial };
}

export interface StageRow {
  ownerId: string | null;
  stageId: string | null;
  reachedStageIds: readonly string[];
  leads: number;
}

/**
 * Each lead's furthest funnel step, from rollup rows: the highest rank among its current
 * stage and every stage it reached (0, the entry step, when none is on the funnel). Returns
 * leads per furthest rank.
 */
export function furthestRanks(rows: readonly StageRow[], rankOf: ReadonlyMap<string, number>): Map<number, number> {
  const furthest = new Map<number, number>();
  for (const row of rows) {
    let rank = 0;
    for (const id of [row.stageId, ...row.reachedStageIds]) {
      const r = id === null ? undefined : rankOf.get(id);
      if (r !== undefined && r > rank) rank = r;
    }
    furthest.set(rank, (furthest.get(rank) ?? 0) + row.leads);
  }
  return furthest;
}

/** Leads that were ever in each of `stageIds` (now or before). */
export function leadsThatVisited(rows: readonly StageRow[], stageIds: readonly string[]): Map<string, number> {
  const visited = new Map<string, number>(stageIds.map((id) => [id, 0]));
  for (const row of rows) {
    for (const id of stageIds) {
      if (row.stageId === id || row.reachedStageIds.includes(id)) visited.set(id, visited.get(id)! + row.leads);
    }
  }
  return visited;
}
