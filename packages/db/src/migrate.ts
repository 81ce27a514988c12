/**
 * Applies the migrations in prisma/migrations with plain `pg`, keeping the books
 * exactly as Prisma Migrate does, so `prisma migrate deploy/status/resolve` and
 * this module can take turns on the same database. Used by the app launcher, the
 * `migrate` CLI command and tests: no Prisma CLI, no schema engine, one connection.
 *
 * Prisma's rules, mirrored here:
 * - session advisory lock 72707369 for the whole run (Prisma's own key, so this
 *   and `prisma migrate` never interleave);
 * - `_prisma_migrations`, created with the engine's exact DDL;
 * - checksum = sha256 hex of migration.sql; a row per attempt, inserted before the
 *   script runs, then `applied_steps_count = 1` and `finished_at` on success, or
 *   the error in `logs` (and `finished_at` left NULL) on failure;
 * - each migration.sql goes to PostgreSQL as one simple-protocol query, i.e. one
 *   implicit transaction: a failing file leaves nothing of itself behind;
 * - a failed migration (finished_at and rolled_back_at both NULL) blocks all
 *   further migrations until resolved (`prisma migrate resolve`).
 * Stricter than `prisma migrate deploy`: an applied migration whose file changed
 * is an error here, not a warning.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Logger, runMigrations as runJobQueueMigrations } from "graphile-worker";
import pg from "pg";

const quietLogger = new Logger(() => () => {});

/** The repo's migrations folder (packages/db/src → repo root). */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

const PRISMA_MIGRATE_LOCK = 72707369;

// Verbatim from Prisma's schema engine (PostgreSQL), as sent by `prisma migrate deploy` 7.10.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
`;

export interface MigrateOptions {
  log?: (line: string) => void;
  /** Defaults to the repo's prisma/migrations. */
  migrationsDir?: string;
}

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  logs: string | null;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

interface LocalMigration {
  name: string;
  script: string;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Like Prisma, accept a file whose only change is LF ↔ CRLF (e.g. a Windows checkout). */
function checksumMatches(script: string, checksum: string): boolean {
  const lf = script.replaceAll("\r\n", "\n");
  return [script, lf, lf.replaceAll("\n", "\r\n")].some((variant) => sha256(variant) === checksum);
}

function readMigrations(dir: string): LocalMigration[] {
  if (!existsSync(dir)) throw new Error(`No migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(dir, name, "migration.sql");
      if (!existsSync(file)) throw new Error(`Migration ${name} has no migration.sql (${file})`);
      return { name, script: readFileSync(file, "utf8") };
    });
}

/** Applies pending migrations in name order; returns the names it applied. */
export async function migrate(
  databaseUrl: string,
  opts: MigrateOptions = {},
): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const local = readMigrations(opts.migrationsDir ?? MIGRATIONS_DIR);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Held until the session ends (the `finally` below). Another app instance or a
    // `prisma migrate` run may hold it: wait for it, saying so.
    const { rows: locked } = await client.query<{ ok: boolean }>(
      `SELECT pg_try_advisory_lock(${PRISMA_MIGRATE_LOCK}) AS ok`,
    );
    if (!locked[0]?.ok) {
      log(`waiting for another migration run to finish (advisory lock ${PRISMA_MIGRATE_LOCK})`);
      await client.query(`SELECT pg_advisory_lock(${PRISMA_MIGRATE_LOCK})`);
    }

    const { rowCount } = await client.query(
      `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r' AND c.relname = '_prisma_migrations' AND n.nspname = current_schema()`,
    );
    if (!rowCount) await client.query(CREATE_MIGRATIONS_TABLE);

    const { rows } = await client.query<MigrationRow>(
      `SELECT id, checksum, migration_name, logs, started_at, finished_at, rolled_back_at
       FROM _prisma_migrations ORDER BY started_at ASC`,
    );
    const live = rows.filter((row) => row.rolled_back_at === null);

    const failed = live.find((row) => row.finished_at === null);
    if (failed) {
      throw new Error(
        `Migration ${failed.migration_name} (started ${failed.started_at.toISOString()}) failed on this database; ` +
          `no further migrations will be applied until it is resolved. Fix the database by hand, then run ` +
          `\`prisma migrate resolve --rolled-back ${failed.migration_name}\` (to retry it) or ` +
          `\`--applied ${failed.migration_name}\`. Its error:\n${failed.logs ?? "(no logs)"}`,
      );
    }

    const byName = new Map(local.map((migration) => [migration.name, migration]));
    for (const row of live) {
      const file = byName.get(row.migration_name);
      if (!file) {
        log(`warning: applied migration ${row.migration_name} is not in the migrations folder`);
      } else if (!checksumMatches(file.script, row.checksum)) {
        throw new Error(
          `Migration ${row.migration_name} was modified after it was applied (checksum ${row.checksum}, ` +
            `file now ${sha256(file.script)}). Restore the file; put new changes in a new migration.`,
        );
      }
    }

    const done = new Set(live.map((row) => row.migration_name));
    const applied: string[] = [];
    for (const { name, script } of local.filter((migration) => !done.has(migration.name))) {
      log(`applying migration ${name}`);
      const id = randomUUID();
      await client.query(
        `INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, now(), $3)`,
        [id, sha256(script), name],
      );
      try {
        await client.query(script); // no parameters: simple protocol, one implicit transaction
      } catch (error) {
        const e = error as pg.DatabaseError;
        const logs = e.code
          ? `Database error code: ${e.code}\n\nDatabase error:\n${e.message}`
          : String(error);
        // Best effort: if even this fails, the row still reads as failed (finished_at NULL).
        await client
          .query(`UPDATE _prisma_migrations SET logs = $1 WHERE id = $2`, [logs, id])
          .catch(() => {});
        throw new Error(`Migration ${name} failed and was rolled back: ${e.message}`, {
          cause: error,
        });
      }
      await client.query(
        `UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = now() WHERE id = $1`,
        [id],
      );
      applied.push(name);
    }
    log(applied.length ? `applied ${applied.length} migration(s)` : "database is up to date");
    // The job queue's own schema: capture adds delivery jobs with SQL inside its transaction,
    // so the queue's tables must exist before the first lead arrives.
    await runJobQueueMigrations({ connectionString: databaseUrl, logger: quietLogger });
    return { applied };
  } finally {
    await client.end();
  }
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Creates database `name` on the server of `adminUrl` (a URL to any database there
 * you may connect to, e.g. `postgres`). Resolves false if it already existed.
 */
export async function createDatabase(adminUrl: string, name: string): Promise<boolean> {
  try {
    await adminQuery(adminUrl, `CREATE DATABASE ${ident(name)}`);
    return true;
  } catch (error) {
    if ((error as pg.DatabaseError).code === "42P04") return false; // duplicate_database
    throw error;
  }
}

/** Drops database `name` if it exists, disconnecting its sessions (FORCE, PostgreSQL 13+). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
