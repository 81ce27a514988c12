import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { dbEnv } from "./env";

export type Db = InstanceType<typeof PrismaClient>;
/** A Prisma client or the client handed to an interactive transaction. */
export type DbTx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const globalForDb = globalThis as unknown as { leadrelayDb?: Db };

export function createDb(databaseUrl: string, poolSize = 10): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize });
  return new PrismaClient({ adapter });
}

/**
 * The process-wide client, created on first use so that importing this module
 * (e.g. during `next build`) needs no database.
 */
export function getDb(): Db {
  if (!globalForDb.leadrelayDb) {
    const env = dbEnv();
    globalForDb.leadrelayDb = createDb(env.DATABASE_URL, env.DATABASE_POOL_SIZE);
  }
  return globalForDb.leadrelayDb;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.leadrelayDb?.$disconnect();
  globalForDb.leadrelayDb = undefined;
}
