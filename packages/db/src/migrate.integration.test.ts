/**
 * migrate() against a real PostgreSQL, checked against the real Prisma CLI (run
 * through the offline schema engine, packages/db/prisma-engine/schema-engine.mjs,
 * which prisma.config.ts selects): what one writes, the other must accept.
 * Server: the one of DATABASE_URL, else postgresql://postgres@127.0.0.1:5432.
 * Every test works in its own database, dropped at the end.
 */
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, dropDatabase, migrate, MIGRATIONS_DIR } from "./migrate";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const CLI_TIMEOUT = 120_000;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

const adminUrl = withDatabase(
  process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432",
  "postgres",
);
const created: string[] = [];

async function freshDatabase(label: string): Promise<string> {
  const name = `leadrelay_migrate_${label}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await createDatabase(adminUrl, name);
  created.push(name);
  return withDatabase(adminUrl, name);
}

afterAll(async () => {
  for (const name of created) await dropDatabase(adminUrl, name);
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The real Prisma CLI, from the repo root so it loads prisma.config.ts. */
function prisma(databaseUrl: string, ...args: string[]): Promise<{ code: number; output: string }> {
  const cli = path.join(root, "node_modules/prisma/build/index.js");
  const env = { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: root, env, timeout: CLI_TIMEOUT },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

const localMigrations = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe("migrate()", { timeout: CLI_TIMEOUT * 2 }, () => {
  it("applies every migration once, and Prisma agrees the database is up to date", async () => {
    const url = await freshDatabase("fresh");

    const first = await migrate(url);
    expect(first.applied).toEqual(localMigrations);
    const tables = (
      await query<{ table_name: string }>(
        url,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
      )
    ).map((row) => row.table_name);
    expect(tables).toEqual(
      expect.arrayContaining(["_prisma_migrations", "User", "Account", "Tenant", "Membership"]),
    );

    const rows = await query<{
      migration_name: string;
      checksum: string;
      applied_steps_count: number;
      done: boolean;
    }>(
      url,
      "SELECT migration_name, checksum, applied_steps_count, finished_at IS NOT NULL AS done FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows).toEqual(
      localMigrations.map((name) => ({
        migration_name: name,
        checksum: createHash("sha256")
          .update(readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql")))
          .digest("hex"),
        applied_steps_count: 1,
        done: true,
      })),
    );

    expect(await migrate(url)).toEqual({ applied: [] });

    const status = await prisma(url, "migrate", "status");
    expect(status.output).toContain("Database schema is up to date!");
    expect(status.code).toBe(0);

    // Database vs schema: exit code 2 would mean the migrations drifted from schema.prisma.
    const diff = await prisma(
      url,
      "migrate",
      "diff",
      "--from-config-datasource",
      "--to-schema",
      "prisma/schema.prisma",
      "--exit-code",
    );
    expect(diff.output).toContain("No difference detected.");
    expect(diff.code).toBe(0);
  });

  it("finds nothing pending after `prisma migrate deploy`", async () => {
    const url = await freshDatabase("deployed");

    const deploy = await prisma(url, "migrate", "deploy");
    expect(deploy.output).toContain("All migrations have been successfully applied.");
    expect(deploy.code).toBe(0);

    expect(await migrate(url)).toEqual({ applied: [] });
    const [count] = await query<{ n: number }>(
      url,
      "SELECT count(*)::int AS n FROM _prisma_migrations",
    );
    expect(count?.n).toBe(localMigrations.length);
  });

  it("records a failed migration as Prisma does, rolls it back whole, and stops until it is resolved", async () => {
    const url = await freshDatabase("failed");
    const [firstMigration] = localMigrations;
    await query(url, 'CREATE TABLE "User" (id int)'); // makes the first migration fail midway

    await expect(migrate(url)).rejects.toThrow(
      `Migration ${firstMigration} failed and was rolled back`,
    );
    // Its earlier statements (CREATE TYPE, CREATE TABLE …) went with it: one transaction.
    expect(await query(url, `SELECT 1 FROM pg_type WHERE typname = 'TenantStatus'`)).toEqual([]);
    const [row] = await query<{ finished_at: Date | null; logs: string }>(
      url,
      "SELECT finished_at, logs FROM _prisma_migrations",
    );
    expect(row?.finished_at).toBeNull();
    expect(row?.logs).toContain('relation "User" already exists');

    await expect(migrate(url)).rejects.toThrow("failed on this database");
    const status = await prisma(url, "migrate", "status");
    // Prisma names the failed migration, or (with later ones pending) what is not yet applied.
    expect(status.output).toMatch(new RegExp(`${firstMigration}.*failed|failed.*${firstMigration}|have not yet been applied`, "is"));
    expect(status.code).not.toBe(0);

    // Prisma's way out: fix the database, mark the attempt rolled back, retry.
    await query(url, 'DROP TABLE "User"');
    expect((await prisma(url, "migrate", "resolve", "--rolled-back", firstMigration!)).code).toBe(
      0,
    );
    expect((await migrate(url)).applied).toEqual(localMigrations);
  });

  it("refuses to run when an applied migration was edited (line endings aside)", async () => {
    const url = await freshDatabase("edited");
    const dir = mkdtempSync(path.join(tmpdir(), "leadrelay-migrations-"));
    try {
      cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      await migrate(url, { migrationsDir: dir });
      const file = path.join(dir, localMigrations[0]!, "migration.sql");
      const original = readFileSync(file, "utf8");

      writeFileSync(file, original.replaceAll("\n", "\r\n"));
      expect(await migrate(url, { migrationsDir: dir })).toEqual({ applied: [] });

      writeFileSync(file, `${original}\n-- an afterthought\n`);
      await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(
        "was modified after it was applied",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lets concurrent runs take turns on Prisma's advisory lock", async () => {
    const url = await freshDatabase("concurrent");
    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    expect(results.flatMap((result) => result.applied).sort()).toEqual(localMigrations);
    const [count] = await query<{ n: number }>(
      url,
      "SELECT count(*)::int AS n FROM _prisma_migrations",
    );
    expect(count?.n).toBe(localMigrations.length);
  });
});
