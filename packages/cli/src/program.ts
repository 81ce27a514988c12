import { Command } from "commander";
import { registerAdminCommands } from "./commands/admin";
import { registerCaptureUrlCommand } from "./commands/capture-url";
import { registerLeadsExportCommand } from "./commands/leads-export";
import { registerMigrateCommand } from "./commands/migrate";
import { registerSeedCommand } from "./commands/seed";
import { registerTenantCommands } from "./commands/tenant";
import { registerTokenCommands } from "./commands/token";
import { describeError } from "./errors";

export function createProgram(): Command {
  const program = new Command()
    .name("leadrelay")
    .description(
      "Leadrelay administration. Every command works on DATABASE_URL, or on the built-in local " +
        "database (in .leadrelay/, or LEADRELAY_DATA_DIR) when DATABASE_URL is unset.",
    )
    .showHelpAfterError("(add --help for usage)")
    .configureHelp({ showGlobalOptions: true });

  registerMigrateCommand(program);
  registerAdminCommands(program);
  registerTenantCommands(program);
  registerSeedCommand(program);
  registerCaptureUrlCommand(program);
  registerLeadsExportCommand(program);
  registerTokenCommands(program);
  return program;
}

/** Parses `argv` and runs the command; resolves to the process exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await createProgram().parseAsync([...argv]);
    return 0;
  } catch (error) {
    const { message, expected } = describeError(error);
    process.stderr.write(expected ? `Error: ${message}\n` : `Unexpected error: ${message}\n`);
    return 1;
  }
}
