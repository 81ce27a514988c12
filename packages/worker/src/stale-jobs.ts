import { DELIVER_TASK } from "@leadrelay/db";
import type { Pool } from "pg";

/**
 * graphile-worker keeps a job locked by a worker that died (SIGKILL, lost host) for four
 * hours before anyone may run it again. A delivery takes seconds (its own timeout is far
 * below `staleAfterMs`), so a `deliver` job locked for longer belongs to a dead worker:
 * unlocking that worker's jobs lets the delivery run again at once, with the same
 * idempotency key (at most one extra call to the destination).
 *
 * Returns the worker ids that were unlocked.
 */
export async function unlockStaleDeliveryJobs(pool: Pool, staleAfterMs: number): Promise<string[]> {
  const { rows } = await pool.query<{ locked_by: string }>(
    `SELECT DISTINCT locked_by FROM graphile_worker.jobs
      WHERE task_identifier = $1 AND locked_by IS NOT NULL
        AND locked_at < now() - make_interval(secs => $2::double precision / 1000)`,
    [DELIVER_TASK, staleAfterMs],
  );
  const workerIds = rows.map((r) => r.locked_by);
  if (workerIds.length > 0) await pool.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [workerIds]);
  return workerIds;
}
