import { workerEnv } from "./env";
import { startWorker, type RunningWorker } from "./start-worker";

const globalForWorker = globalThis as unknown as { leadrelayEmbeddedWorker?: Promise<RunningWorker | null> };

/**
 * Starts the delivery worker inside the web app's server process (Next's `register()`
 * hook), unless LEADRELAY_EMBEDDED_WORKER=false. Once per process, even when the hook
 * runs again (dev reloads). Stops on SIGTERM/SIGINT, finishing deliveries in progress.
 */
export function startEmbeddedWorker(): Promise<RunningWorker | null> {
  globalForWorker.leadrelayEmbeddedWorker ??= (async () => {
    const env = workerEnv();
    if (!env.LEADRELAY_EMBEDDED_WORKER) return null;
    if (!env.DATABASE_URL) {
      console.warn("[worker] DATABASE_URL is not set: the embedded delivery worker does not run.");
      return null;
    }
    const worker = await startWorker({ connectionString: env.DATABASE_URL });
    const stop = () => void worker.stop();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    return worker;
  })().catch((error: unknown) => {
    // The app keeps serving; deliveries wait in the queue for a worker.
    console.error(`[worker] The embedded delivery worker did not start: ${error instanceof Error ? error.message : String(error)}`);
    globalForWorker.leadrelayEmbeddedWorker = undefined;
    return null;
  });
  return globalForWorker.leadrelayEmbeddedWorker;
}
