import { hashPassword } from "@leadrelay/auth/password";
import {
  AuditRepository,
  TenantRepository,
  UserRepository,
  type Db,
  type TenantStatus,
} from "@leadrelay/db";
import type { Command } from "commander";
import { withDatabase } from "../database";
import { CliError } from "../errors";
import { logLine, printJson, printLine } from "../output";
import { assertStrongPassword, isUniqueViolation, parseEmail, parseText } from "../validation";

export interface CreateTenantInput {
  name: string;
  ownerEmail: string;
  /** Creates the owner with this password. Leave out to make an existing user the owner. */
  ownerPassword?: string;
  ownerName?: string;
}

export interface CreatedTenant {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  createdAt: string;
  ownerId: string;
  ownerEmail: string;
  /** False when an existing user became the owner. */
  ownerCreated: boolean;
}

/** Same limits as the web app's company-name field. */
export function validateTenantInput(input: CreateTenantInput): CreateTenantInput {
  const name = parseText(input.name, "--name", { min: 2, max: 100 });
  const ownerEmail = parseEmail(input.ownerEmail, "--owner-email");
  if (input.ownerPassword !== undefined)
    assertStrongPassword(input.ownerPassword, ownerEmail, "--owner-password");
  const ownerName =
    input.ownerName === undefined
      ? undefined
      : parseText(input.ownerName, "--owner-name", { min: 1, max: 100 });
  return { name, ownerEmail, ownerPassword: input.ownerPassword, ownerName };
}

const emailTaken = (email: string) =>
  `A user with the e-mail ${email} already exists, so no tenant was created. ` +
  "To make that user the owner, run the command again without --owner-password (their password stays as it is).";

/**
 * Creates a publisher tenant owned by a new user (with `ownerPassword`) or by an
 * existing one (without). An existing user's password is never changed.
 */
export async function createTenant(db: Db, rawInput: CreateTenantInput): Promise<CreatedTenant> {
  const input = validateTenantInput(rawInput);
  const existing = await new UserRepository(db).findByEmail(input.ownerEmail);
  if (existing && input.ownerPassword !== undefined)
    throw new CliError(emailTaken(input.ownerEmail));
  if (!existing && input.ownerPassword === undefined) {
    throw new CliError(
      `No user with the e-mail ${input.ownerEmail} exists. Give --owner-password to create them as the owner.`,
    );
  }
  const passwordHash =
    input.ownerPassword === undefined ? undefined : await hashPassword(input.ownerPassword);

  try {
    return await db.$transaction(async (tx) => {
      const users = new UserRepository(tx);
      const owner =
        existing ??
        (await users.create({ email: input.ownerEmail, name: input.ownerName, passwordHash }));
      const tenant = await new TenantRepository(tx).createWithOwner({
        name: input.name,
        ownerId: owner.id,
      });
      // Sign-in lands in the active tenant; don't move an existing user away from theirs.
      if (!owner.activeTenantId) await users.update(owner.id, { activeTenantId: tenant.id });
      await new AuditRepository(tx).record({
        tenantId: tenant.id,
        action: "tenant.created",
        targetType: "tenant",
        targetId: tenant.id,
        data: { source: "cli", ownerId: owner.id, ownerCreated: !existing },
      });
      return {
        id: tenant.id,
        slug: tenant.slug,
        name: tenant.name,
        status: tenant.status,
        createdAt: tenant.createdAt.toISOString(),
        ownerId: owner.id,
        ownerEmail: owner.email,
        ownerCreated: !existing,
      };
    });
  } catch (error) {
    // Someone created the same user between our check and the insert.
    if (isUniqueViolation(error) && !existing) throw new CliError(emailTaken(input.ownerEmail));
    throw error;
  }
}

export function registerTenantCommands(program: Command): void {
  const tenant = program.command("tenant").description("manage publisher tenants");

  tenant
    .command("create")
    .description("create a publisher tenant and its owner")
    .requiredOption(
      "--name <name>",
      "the publisher's name (2–100 characters); the URL slug is derived from it",
    )
    .requiredOption("--owner-email <email>", "e-mail address of the owner")
    .option(
      "--owner-password <password>",
      "create the owner with this password (at least 10 characters); leave out to make an existing user the owner",
    )
    .option("--owner-name <name>", "display name for a newly created owner")
    .option(
      "--json",
      "print the tenant as one JSON object on stdout (id, slug, name, status, createdAt, ownerId, ownerEmail, ownerCreated)",
    )
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  pnpm leadrelay tenant create --name 'Acme Media' --owner-email ana@acme.example --owner-password 'a long passphrase'\n" +
        "  pnpm leadrelay tenant create --name 'Acme Labs' --owner-email ana@acme.example --json   # existing user as owner",
    )
    .action(
      async (options: {
        name: string;
        ownerEmail: string;
        ownerPassword?: string;
        ownerName?: string;
        json?: boolean;
      }) => {
        const input = validateTenantInput(options);
        const created = await withDatabase(({ db }) => createTenant(db, input));
        if (!created.ownerCreated && input.ownerName !== undefined)
          logLine("Note: the owner already existed, so --owner-name was ignored.");
        if (options.json) {
          printJson(created);
          return;
        }
        printLine(`Created tenant "${created.name}" (slug ${created.slug}, id ${created.id}).`);
        printLine(
          `Owner: ${created.ownerEmail}${created.ownerCreated ? " (new user; sign in with the password you gave)" : " (existing user)"}`,
        );
      },
    );
}
