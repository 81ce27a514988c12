import type { DbTx } from "../client";

export interface RateLimitState {
  count: number;
  /** When the current window ends. */
  resetAt: Date;
}

/**
 * Fixed-window counters in Postgres, so every app instance sees the same
 * counts (sign-in lockout, API and capture limits).
 */
export class RateLimitRepository {
  constructor(private readonly db: DbTx) {}

  /** Counts one hit in the key's current window (a new window starts when the last one ended). */
  async hit(key: string, windowSeconds: number): Promise<RateLimitState> {
    const rows = await this.db.$queryRaw<{ count: number; windowStart: Date }[]>`
      INSERT INTO "RateLimitBucket" (key, count, "windowStart") VALUES (${key}, 1, now())
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN "RateLimitBucket"."windowStart" <= now() - make_interval(secs => ${windowSeconds})
                     THEN 1 ELSE "RateLimitBucket".count + 1 END,
        "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" <= now() - make_interval(secs => ${windowSeconds})
                     THEN now() ELSE "RateLimitBucket"."windowStart" END
      RETURNING count, "windowStart"`;
    const row = rows[0]!;
    return { count: row.count, resetAt: new Date(row.windowStart.getTime() + windowSeconds * 1000) };
  }

  /** The key's count in its current window, without counting. */
  async peek(key: string, windowSeconds: number): Promise<RateLimitState> {
    const row = await this.db.rateLimitBucket.findUnique({ where: { key } });
    if (!row || row.windowStart.getTime() + windowSeconds * 1000 <= Date.now()) {
      return { count: 0, resetAt: new Date(Date.now() + windowSeconds * 1000) };
    }
    return { count: row.count, resetAt: new Date(row.windowStart.getTime() + windowSeconds * 1000) };
  }

  async reset(key: string): Promise<void> {
    await this.db.rateLimitBucket.deleteMany({ where: { key } });
  }
}
