import { hashPassword } from "@leadrelay/auth/password";
import { AuditRepository, UserRepository, type Db, type UserDto } from "@leadrelay/db";
import type { Command } from "commander";
import { withDatabase } from "../database";
import { CliError } from "../errors";
import { logLine, printLine } from "../output";
import { assertStrongPassword, isUniqueViolation, parseEmail, parseText } from "../validation";

export interface CreatePlatformAdminInput {
  email: string;
  /** Required when the user does not exist yet. */
  password?: string;
  name?: string;
  /** Allow making an existing user a platform admin (their password and name stay as they are). */
  promote?: boolean;
}

export interface CreatePlatformAdminResult {
  outcome: "created" | "promoted" | "alreadyAdmin";
  user: UserDto;
}

/** Checks what can be checked without the database, so bad arguments fail fast. */
export function validatePlatformAdminInput(
  input: CreatePlatformAdminInput,
): CreatePlatformAdminInput {
  const email = parseEmail(input.email, "--email");
  if (input.password === undefined && !input.promote) {
    throw new CliError(
      "--password is required to create a platform admin (or pass --promote to promote an existing user).",
    );
  }
  if (input.password !== undefined) assertStrongPassword(input.password, email, "--password");
  const name =
    input.name === undefined ? undefined : parseText(input.name, "--name", { min: 1, max: 100 });
  return { ...input, email, name };
}

const NOT_CREATED_WITHOUT_PROMOTE = (email: string, isAdmin: boolean) =>
  isAdmin
    ? `A user with the e-mail ${email} already exists and is already a platform admin. Nothing was changed.`
    : `A user with the e-mail ${email} already exists. Nothing was changed. ` +
      "To make that user a platform admin, run the command again with --promote (their password stays as it is).";

/** Creates a platform admin, or with `promote` grants the flag to an existing user. */
export async function createPlatformAdmin(
  db: Db,
  rawInput: CreatePlatformAdminInput,
): Promise<CreatePlatformAdminResult> {
  const input = validatePlatformAdminInput(rawInput);
  const existing = await new UserRepository(db).findByEmail(input.email);

  if (existing) {
    if (!input.promote)
      throw new CliError(NOT_CREATED_WITHOUT_PROMOTE(input.email, existing.isPlatformAdmin));
    if (existing.isPlatformAdmin) return { outcome: "alreadyAdmin", user: existing };
    const user = await db.$transaction(async (tx) => {
      const promoted = await new UserRepository(tx).update(existing.id, { isPlatformAdmin: true });
      await new AuditRepository(tx).record({
        action: "platform_admin.granted",
        targetType: "user",
        targetId: existing.id,
        data: { source: "cli", email: input.email },
      });
      return promoted;
    });
    return { outcome: "promoted", user };
  }

  if (input.password === undefined) {
    throw new CliError(
      `No user with the e-mail ${input.email} exists. Give --password to create one.`,
    );
  }
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await new UserRepository(tx).create({
        email: input.email,
        name: input.name,
        passwordHash,
        isPlatformAdmin: true,
      });
      await new AuditRepository(tx).record({
        action: "platform_admin.created",
        targetType: "user",
        targetId: created.id,
        data: { source: "cli", email: input.email },
      });
      return created;
    });
    return { outcome: "created", user };
  } catch (error) {
    if (isUniqueViolation(error))
      throw new CliError(NOT_CREATED_WITHOUT_PROMOTE(input.email, false));
    throw error;
  }
}

export function registerAdminCommands(program: Command): void {
  const admin = program
    .command("admin")
    .description(
      "manage platform admins (Leadrelay staff, who reach every tenant through the admin console)",
    );

  admin
    .command("create")
    .description("create a platform admin user; with --promote, make an existing user one instead")
    .requiredOption("--email <email>", "the admin's e-mail address (their sign-in name)")
    .option(
      "--password <password>",
      "password for a new user: at least 10 characters, not a common one (required unless --promote finds the user)",
    )
    .option("--name <name>", "display name for a new user")
    .option(
      "--promote",
      "if a user with this e-mail exists, make them a platform admin instead of failing",
    )
    .addHelpText(
      "after",
      "\nExample:\n  pnpm leadrelay admin create --email ops@example.com --password 'a long passphrase'",
    )
    .action(
      async (options: { email: string; password?: string; name?: string; promote?: boolean }) => {
        const input = validatePlatformAdminInput(options);
        const result = await withDatabase(({ db }) => createPlatformAdmin(db, input));
        const who = result.user.email;
        if (result.outcome === "created")
          printLine(
            `Created platform admin ${who} (user id ${result.user.id}). Sign in with that e-mail and password.`,
          );
        if (result.outcome === "promoted")
          printLine(`${who} is now a platform admin (user id ${result.user.id}).`);
        if (result.outcome === "alreadyAdmin")
          printLine(`${who} is already a platform admin; nothing changed.`);
        if (
          result.outcome !== "created" &&
          (input.password !== undefined || input.name !== undefined)
        ) {
          logLine("Note: the user already existed, so --password and --name were ignored.");
        }
      },
    );
}
