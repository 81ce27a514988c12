import { SetupError } from "@leadrelay/db/runtime";

/**
 * A failure the person at the terminal caused or can fix (bad argument, taken
 * e-mail, …): printed as one line on stderr, no stack trace, exit code 1.
 */
export class CliError extends Error {
  override name = "CliError";
}

// Prisma error codes that mean the database exists but lacks (parts of) our schema.
const SCHEMA_MISSING_CODES = new Set(["P2021", "P2022"]);
// Connection lost or refused after the start-up check passed.
const CONNECTION_CODES = new Set([
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "ECONNREFUSED",
  "ECONNRESET",
]);

/** The message to print for an error, and whether it was expected (then no stack trace is shown). */
export function describeError(error: unknown): { message: string; expected: boolean } {
  if (error instanceof CliError || error instanceof SetupError)
    return { message: error.message, expected: true };
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && SCHEMA_MISSING_CODES.has(code)) {
    return {
      message:
        "The database has no Leadrelay tables yet, or an older version of them. Run `pnpm leadrelay migrate` first.",
      expected: true,
    };
  }
  if (typeof code === "string" && CONNECTION_CODES.has(code)) {
    return {
      message: "Lost the connection to the database. Check that it is still running and try again.",
      expected: true,
    };
  }
  if (error instanceof Error) return { message: error.stack ?? error.message, expected: false };
  return { message: String(error), expected: false };
}
