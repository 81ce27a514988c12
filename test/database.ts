import { randomBytes } from "node:crypto";
import net from "node:net";
import pg from "pg";

/**
 * Tests run against a real PostgreSQL: the server at DATABASE_URL (default
 * postgresql://postgres@127.0.0.1:5432) when one answers, otherwise the
 * embedded one the app uses in local mode. Each run gets its own database.
 */
export const DEFAULT_TEST_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 5432) });
    socket.setTimeout(1000);
    socket.once("connect", () => (socket.end(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
}

export interface TestServer {
  /** A URL on the server's maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  stop: () => Promise<void>;
}

export async function findTestServer(): Promise<TestServer> {
  const configured = process.env.LEADRELAY_TEST_DATABASE_SERVER ?? process.env.DATABASE_URL ?? DEFAULT_TEST_SERVER;
  const adminUrl = withDatabase(configured, "postgres");
  if (await answers(adminUrl)) return { adminUrl, stop: async () => {} };
  const { ensureEmbeddedDatabase } = await import("@leadrelay/db/embedded");
  const embedded = await ensureEmbeddedDatabase({ log: (line) => console.log(`[test db] ${line}`) });
  return { adminUrl: withDatabase(embedded.url, "postgres"), stop: embedded.stop };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function createTestDatabase(server: TestServer, label: string): Promise<string> {
  const name = `leadrelay_test_${label}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const client = new pg.Client({ connectionString: server.adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return withDatabase(server.adminUrl, name);
}

export async function dropTestDatabase(server: TestServer, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: server.adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
