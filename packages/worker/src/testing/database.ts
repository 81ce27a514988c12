import { randomBytes } from "node:crypto";
import { createDatabase, dropDatabase, migrate } from "@leadrelay/db/migrate";

/**
 * A migrated database of its own, for tests that run a worker: a worker takes every
 * `deliver` job in its database, so it must not share one with other test files.
 * It lives on the server of `sharedUrl` (the integration project's DATABASE_URL).
 */
export async function createIsolatedDatabase(sharedUrl: string | undefined, label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!sharedUrl) throw new Error("DATABASE_URL is not set: run with `vitest run --project integration`.");
  const shared = sharedUrl;
  const admin = new URL(shared);
  admin.pathname = "/postgres";
  const name = `leadrelay_worker_${label}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await createDatabase(admin.toString(), name);
  const url = new URL(shared);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return { url: url.toString(), drop: () => dropDatabase(admin.toString(), name) };
}
