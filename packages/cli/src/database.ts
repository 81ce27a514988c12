import { createDb, type Db } from "@leadrelay/db";
import { migrate } from "@leadrelay/db/migrate";
import { prepareDatabase, prepareSecrets, type PreparedDatabase } from "@leadrelay/db/runtime";
import { logLine } from "./output";

export interface DatabaseSession {
  db: Db;
  database: PreparedDatabase;
}

/**
 * Runs `work` against DATABASE_URL, or the embedded PostgreSQL when it is unset,
 * and afterwards disconnects and stops the embedded server if this process
 * started it. The local database is migrated first, so that commands work on a
 * fresh checkout; a configured one is migrated only by `leadrelay migrate`.
 */
export async function withDatabase<T>(work: (session: DatabaseSession) => Promise<T>): Promise<T> {
  const database = await prepareDatabase({ log: logLine });
  let db: Db | undefined;
  try {
    if (database.local) {
      // The app's generated keys in the data folder: what the CLI encrypts (capture URLs,
      // destination secrets) the app must be able to read.
      prepareSecrets(true);
      const { applied } = await migrate(database.url, { log: () => {} });
      if (applied.length > 0)
        logLine(
          `Applied ${applied.length} migration(s) to the local database: ${applied.join(", ")}`,
        );
    }
    db = createDb(database.url, 2);
    return await work({ db, database });
  } finally {
    await db?.$disconnect();
    await database.stop();
  }
}
