import { createDb, DELIVER_TASK, DeliveryRepository, type Db } from "@leadrelay/db";
import { Logger, run, type LogLevel, type Runner, type Task } from "graphile-worker";
import pg from "pg";
import { z } from "zod";
import { deliver, type DeliverDeps } from "./deliver";
import { workerEnv } from "./env";
import { deliverySettings, type DeliverySettings } from "./settings";
import { unlockStaleDeliveryJobs } from "./stale-jobs";
import { createFollowUpDigestTask, FOLLOW_UP_DIGEST_CRONTAB, FOLLOW_UP_DIGEST_TASK } from "./tasks/follow-up-digest";
import {
  AZURE_TABLE_IMPORT_CRONTAB,
  AZURE_TABLE_IMPORT_SCHEDULER_TASK,
  AZURE_TABLE_IMPORT_TASK,
  createAzureTableImportSchedulerTask,
  createAzureTableImportTask,
} from "./tasks/azure-table-import";
import { createInsightsCompactTask, INSIGHTS_COMPACT_CRONTAB, INSIGHTS_COMPACT_TASK } from "./tasks/insights-compact";

export interface StartWorkerOptions {
  connectionString: string;
  /** Deliveries run at the same time (default LEADRELAY_WORKER_CONCURRENCY). */
  concurrency?: number;
  /** Poll interval for jobs whose run time has come (retries); new jobs start at once. */
  pollIntervalMs?: number;
  /** A delivery job locked longer than this is taken from a dead worker (default LEADRELAY_STALE_JOB_SECONDS). */
  staleJobMs?: number;
  /** How often to look for deliveries that should be moving but are not (default 5 min). */
  strandedSweepMs?: number;
  /** Overrides of the environment's delivery settings (timeouts, retry scale, …). */
  settings?: Partial<DeliverySettings>;
  /** Where log lines go (default: console, warnings and errors only, plus start/stop). */
  log?: (level: LogLevel, message: string) => void;
}

export interface RunningWorker {
  /** Finishes the deliveries in progress (aborting after a few seconds), then releases the connections. */
  stop(): Promise<void>;
}

/** How often, and after how long untouched, deliveries that should be moving are queued again. */
const STRANDED_SWEEP_MS = 5 * 60_000;
const STRANDED_AFTER_MS = 2 * 60_000;

const payloadSchema = z.object({ deliveryId: z.string().min(1) });

function consoleLog(level: LogLevel, message: string) {
  if (level === "error") console.error(`[worker] ${message}`);
  else if (level === "warning") console.warn(`[worker] ${message}`);
}

/**
 * Runs the delivery queue in this process. Any number of processes may run it against one
 * database: graphile-worker hands each job to exactly one worker (SKIP LOCKED), and the
 * `delivery:<id>` job key keeps at most one waiting job per delivery.
 */
export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const env = workerEnv();
  const concurrency = options.concurrency ?? env.LEADRELAY_WORKER_CONCURRENCY;
  const staleJobMs = options.staleJobMs ?? env.LEADRELAY_STALE_JOB_SECONDS * 1000;
  const log = options.log ?? consoleLog;
  const settings = deliverySettings(options.settings);

  const pool = new pg.Pool({ connectionString: options.connectionString, max: Math.min(concurrency + 2, 20) });
  // A connection lost while idle or checked out must not crash the process; the pool replaces it.
  pool.on("error", (error) => log("warning", `Database connection lost: ${error.message}`));
  pool.on("connect", (client) => client.on("error", (error) => log("warning", `Database connection lost: ${error.message}`)));
  const db: Db = createDb(options.connectionString, concurrency + 2);

  const deps: DeliverDeps = {
    db,
    settings,
    log: (level, message) => log(level === "warn" ? "warning" : level, message),
  };

  const deliverTask: Task = async (payload, helpers) => {
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) {
      helpers.logger.error(`Ignoring a ${DELIVER_TASK} job without a deliveryId: ${JSON.stringify(payload)}`);
      return;
    }
    // Shutdown aborts requests still running a few seconds after SIGTERM; the attempt is recorded and retried.
    // (A signal, not a wrapped fetch: the adapters' own client keeps the connect-time SSRF check.)
    await deliver(parsed.data.deliveryId, { ...deps, abortSignal: helpers.abortSignal });
  };

  const logger = new Logger((scope) => (level, message) => {
    const where = scope.taskIdentifier ? ` (${scope.taskIdentifier}${scope.jobId ? ` job ${scope.jobId}` : ""})` : "";
    log(level, `${message}${where}`);
  });

  let runner: Runner;
  try {
    runner = await run({
      pgPool: pool,
      concurrency,
      pollInterval: options.pollIntervalMs ?? env.LEADRELAY_WORKER_POLL_INTERVAL_MS,
      noHandleSignals: true,
      logger,
      // Completions of jobs that finish in the same tick are written in one statement (one
      // commit instead of one per job). A crash before it is written runs the job again,
      // which finds its delivery finished and skips it.
      preset: { worker: { completeJobBatchDelay: 0 } },
      // The daily follow-up digest; graphile-worker's crontab runs it once a day across all workers.
      // Every minute, the Azure Table imports whose time has come are queued (one scheduler run across all workers),
      // and the insights rollups' delta rows are folded.
      crontab: [FOLLOW_UP_DIGEST_CRONTAB, AZURE_TABLE_IMPORT_CRONTAB, INSIGHTS_COMPACT_CRONTAB].join("\n"),
      taskList: {
        [DELIVER_TASK]: deliverTask,
        [FOLLOW_UP_DIGEST_TASK]: createFollowUpDigestTask(db, { publicUrl: env.LEADRELAY_PUBLIC_URL }),
        [AZURE_TABLE_IMPORT_TASK]: createAzureTableImportTask(db, { allowPrivateNetwork: settings.allowPrivateNetwork }),
        [AZURE_TABLE_IMPORT_SCHEDULER_TASK]: createAzureTableImportSchedulerTask(db),
        [INSIGHTS_COMPACT_TASK]: createInsightsCompactTask(db),
      },
    });
  } catch (error) {
    await Promise.allSettled([pool.end(), db.$disconnect()]);
    throw error;
  }

  // Look for jobs of dead workers now and a few times per stale period (at least every minute).
  const takeOverStaleJobs = () =>
    unlockStaleDeliveryJobs(pool, staleJobMs)
      .then((workerIds) => {
        if (workerIds.length > 0) log("warning", `Took over delivery jobs of stopped workers: ${workerIds.join(", ")}`);
      })
      .catch((error: unknown) => log("warning", `Could not check for stale delivery jobs: ${error instanceof Error ? error.message : String(error)}`));
  void takeOverStaleJobs();
  const sweeper = setInterval(() => void takeOverStaleJobs(), Math.max(250, Math.min(staleJobMs / 2, 60_000)));
  sweeper.unref();

  // Deliveries left behind by a race or a job that failed for good are queued again (self-healing).
  const rescue = setInterval(() => {
    const olderThan = new Date(Date.now() - STRANDED_AFTER_MS);
    db.$transaction((tx) => new DeliveryRepository(tx).requeueStranded(olderThan))
      .then((queued) => {
        if (queued > 0) log("warning", `Queued ${queued} stranded deliveries again.`);
      })
      .catch((error: unknown) => log("warning", `Could not check for stranded deliveries: ${error instanceof Error ? error.message : String(error)}`));
  }, options.strandedSweepMs ?? STRANDED_SWEEP_MS);
  rescue.unref();

  log("info", `Delivery worker started (concurrency ${concurrency}).`);
  let stopping: Promise<void> | null = null;
  return {
    stop() {
      stopping ??= (async () => {
        clearInterval(sweeper);
        clearInterval(rescue);
        try {
          await runner.stop();
        } finally {
          await Promise.allSettled([pool.end(), db.$disconnect()]);
          log("info", "Delivery worker stopped.");
        }
      })();
      return stopping;
    },
  };
}
