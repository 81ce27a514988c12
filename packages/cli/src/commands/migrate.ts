import { migrate } from "@leadrelay/db/migrate";
import { prepareDatabase } from "@leadrelay/db/runtime";
import type { Command } from "commander";
import { CliError } from "../errors";
import { logLine, printLine } from "../output";

/** Applies pending migrations; returns their names (empty when the database was up to date). */
export async function applyMigrations(
  databaseUrl: string,
  log: (line: string) => void = () => {},
): Promise<string[]> {
  try {
    return (await migrate(databaseUrl, { log })).applied;
  } catch (error) {
    // migrate() explains failed or edited migrations itself; keep its words, drop the stack.
    throw new CliError(
      `Migrating the database failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export function registerMigrateCommand(program: Command): void {
  program
    .command("migrate")
    .description(
      "apply pending database migrations (prisma/migrations) to DATABASE_URL, or the local database when it is unset",
    )
    .action(async () => {
      const database = await prepareDatabase({ log: logLine });
      try {
        const applied = await applyMigrations(database.url, logLine);
        if (applied.length === 0) {
          printLine("No pending migrations: the database is up to date.");
        } else {
          printLine(`Applied ${applied.length} migration(s):`);
          for (const name of applied) printLine(`  ${name}`);
        }
      } finally {
        await database.stop();
      }
    });
}
