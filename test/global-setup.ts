import type { TestProject } from "vitest/node";
import { createTestDatabase, dropTestDatabase, findTestServer } from "./database";

/** One migrated database per test project and run, dropped afterwards. */
export default async function setup(project: TestProject) {
  const server = await findTestServer();
  const url = await createTestDatabase(server, project.name.replace(/\W/g, ""));
  const { migrate } = await import("@leadrelay/db/migrate");
  await migrate(url);

  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret";
  process.env.LEADRELAY_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
  project.provide("databaseUrl", url);

  return async () => {
    const { disconnectDb } = await import("@leadrelay/db");
    await disconnectDb();
    await dropTestDatabase(server, url);
    await server.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
