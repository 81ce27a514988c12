/**
 * Folds the insights rollups' delta rows (written by triggers with every lead and delivery
 * change) into one row per key and day, so the dashboard reads a few rows per day however
 * many leads arrived. Every minute, one run across all workers.
 *
 *   run({ …, taskList: { [INSIGHTS_COMPACT_TASK]: createInsightsCompactTask(db) }, crontab: INSIGHTS_COMPACT_CRONTAB })
 */
import { INSIGHTS_COMPACT_TASK, InsightsRollupRepository, type Db } from "@leadrelay/db";
import type { Task } from "graphile-worker";

export { INSIGHTS_COMPACT_TASK };

export const INSIGHTS_COMPACT_CRONTAB = `* * * * * ${INSIGHTS_COMPACT_TASK} ?max=1&jobKey=${INSIGHTS_COMPACT_TASK}`;

export function createInsightsCompactTask(db: Db): Task {
  return async (_payload, helpers) => {
    const batches = await new InsightsRollupRepository(db).compact();
    if (batches > 0) helpers.logger.debug(`Folded insights rollups (${batches} batches).`);
  };
}
