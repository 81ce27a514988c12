/**
 * Runs the real CLI as a child process against the integration project's
 * database (DATABASE_URL, migrated by the globalSetup). Other test files share
 * that database, so every test uses its own e-mail addresses and names.
 */
import { randomBytes } from "node:crypto";
import { createDb, type Db } from "@leadrelay/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, leadrelay, STACK_LINE, type CliResult } from "./test/run-cli";

const STRONG_PASSWORD = "correct-horse-battery-staple";
const UNREACHABLE_DATABASE = "postgresql://postgres@127.0.0.1:1/x";
const uid = () => randomBytes(5).toString("hex");
const uniqueEmail = (label: string) => `${label}-${uid()}@example.test`;

let db: Db;
beforeAll(() => {
  db = createDb(databaseUrl(), 2);
});
afterAll(async () => {
  await db.$disconnect();
});

// One CLI run costs about two CPU-seconds (tsx, Prisma); running them one after
// another keeps each test well inside its timeout on a busy machine.
describe("leadrelay CLI", { timeout: 180_000 }, () => {
  it("tenant create --json prints exactly one JSON object and creates the owner, tenant and audit event", async () => {
    const email = uniqueEmail("owner");
    const name = `Acme Media ${uid()}`;
    const result = await leadrelay([
      "tenant",
      "create",
      "--name",
      name,
      "--owner-email",
      email,
      "--owner-password",
      STRONG_PASSWORD,
      "--json",
    ]);

    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const tenant = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(tenant).toMatchObject({ name, ownerEmail: email, ownerCreated: true, status: "ACTIVE" });
    expect(tenant.slug).toMatch(/^acme-media-[0-9a-f]{10}$/);

    const row = await db.tenant.findUniqueOrThrow({
      where: { id: tenant.id as string },
      include: { memberships: true },
    });
    expect(row.slug).toBe(tenant.slug);
    expect(row.memberships).toEqual([
      expect.objectContaining({ userId: tenant.ownerId, role: "OWNER" }),
    ]);
    const owner = await db.user.findUniqueOrThrow({ where: { id: tenant.ownerId as string } });
    expect(owner).toMatchObject({ email, isPlatformAdmin: false, activeTenantId: row.id });
    expect(owner.passwordHash).toMatch(/^\$argon2id\$/);
    const audit = await db.auditEvent.findMany({ where: { tenantId: row.id } });
    expect(audit).toEqual([
      expect.objectContaining({ action: "tenant.created", targetId: row.id }),
    ]);
  });

  it("refuses an owner e-mail that exists when a password is given, and changes nothing", async () => {
    const email = uniqueEmail("taken");
    const first = await leadrelay([
      "tenant",
      "create",
      "--name",
      `First ${uid()}`,
      "--owner-email",
      email,
      "--owner-password",
      STRONG_PASSWORD,
    ]);
    expect(first.code, first.stderr).toBe(0);
    const before = await db.user.findUniqueOrThrow({ where: { email } });

    const secondName = `Second ${uid()}`;
    const second = await leadrelay([
      "tenant",
      "create",
      "--name",
      secondName,
      "--owner-email",
      email.toUpperCase(),
      "--owner-password",
      "another-long-password",
      "--json",
    ]);
    expect(second.code).not.toBe(0);
    expect(second.stdout).toBe("");
    expect(second.stderr).toContain(`A user with the e-mail ${email} already exists`);
    expect(second.stderr).not.toMatch(STACK_LINE);
    expect(await db.tenant.count({ where: { name: secondName } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { email } })).passwordHash).toBe(
      before.passwordHash,
    );

    // Without a password the existing user becomes the owner.
    const third = await leadrelay([
      "tenant",
      "create",
      "--name",
      `Third ${uid()}`,
      "--owner-email",
      email,
      "--json",
    ]);
    expect(third.code, third.stderr).toBe(0);
    expect(JSON.parse(third.stdout)).toMatchObject({ ownerId: before.id, ownerCreated: false });
  });

  it("refuses weak passwords and bad e-mail addresses before touching the database", async () => {
    const email = uniqueEmail("weak");
    const weak = await leadrelay([
      "tenant",
      "create",
      "--name",
      `Weak ${uid()}`,
      "--owner-email",
      email,
      "--owner-password",
      "short",
    ]);
    expect(weak.code).not.toBe(0);
    expect(weak.stderr).toContain("Use at least 10 characters.");
    expect(weak.stderr).not.toMatch(STACK_LINE);

    const common = await leadrelay([
      "admin",
      "create",
      "--email",
      email,
      "--password",
      "password123",
    ]);
    expect(common.code).not.toBe(0);
    expect(common.stderr).toContain("too common");

    const badEmail = await leadrelay([
      "admin",
      "create",
      "--email",
      "not-an-email",
      "--password",
      STRONG_PASSWORD,
    ]);
    expect(badEmail.code).not.toBe(0);
    expect(badEmail.stderr).toContain('--email "not-an-email" is not a valid e-mail address.');

    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("reports an unreachable database clearly, without a stack trace", async () => {
    const result = await leadrelay(
      [
        "tenant",
        "create",
        "--name",
        "Nowhere",
        "--owner-email",
        uniqueEmail("nowhere"),
        "--owner-password",
        STRONG_PASSWORD,
        "--json",
      ],
      { DATABASE_URL: UNREACHABLE_DATABASE },
    );
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Cannot reach PostgreSQL at 127.0.0.1:1");
    expect(result.stderr).not.toMatch(STACK_LINE);

    const migrate = await leadrelay(["migrate"], { DATABASE_URL: UNREACHABLE_DATABASE });
    expect(migrate.code).not.toBe(0);
    expect(migrate.stderr).toContain("127.0.0.1:1");
  });

  it("admin create makes a platform admin; an existing user needs --promote", async () => {
    const email = uniqueEmail("staff");
    const created = await leadrelay([
      "admin",
      "create",
      "--email",
      email,
      "--password",
      STRONG_PASSWORD,
      "--name",
      "Sam Staff",
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain(`Created platform admin ${email}`);
    const admin = await db.user.findUniqueOrThrow({ where: { email } });
    expect(admin).toMatchObject({ isPlatformAdmin: true, name: "Sam Staff" });

    const again = await leadrelay([
      "admin",
      "create",
      "--email",
      email,
      "--password",
      STRONG_PASSWORD,
    ]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("already exists");

    // An ordinary user (created as a tenant owner) is promoted only with --promote.
    const ownerEmail = uniqueEmail("promote");
    const tenant = await leadrelay([
      "tenant",
      "create",
      "--name",
      `Promote ${uid()}`,
      "--owner-email",
      ownerEmail,
      "--owner-password",
      STRONG_PASSWORD,
    ]);
    expect(tenant.code, tenant.stderr).toBe(0);
    const refused = await leadrelay([
      "admin",
      "create",
      "--email",
      ownerEmail,
      "--password",
      STRONG_PASSWORD,
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("--promote");
    expect(
      (await db.user.findUniqueOrThrow({ where: { email: ownerEmail } })).isPlatformAdmin,
    ).toBe(false);

    const promoted = await leadrelay(["admin", "create", "--email", ownerEmail, "--promote"]);
    expect(promoted.code, promoted.stderr).toBe(0);
    const promotedUser = await db.user.findUniqueOrThrow({ where: { email: ownerEmail } });
    expect(promotedUser.isPlatformAdmin).toBe(true);
    expect(
      await db.auditEvent.count({
        where: { action: "platform_admin.created", targetId: admin.id },
      }),
    ).toBe(1);
    expect(
      await db.auditEvent.count({
        where: { action: "platform_admin.granted", targetId: promotedUser.id },
      }),
    ).toBe(1);
  });

  it("seed --demo creates the demo publisher, and running it again adds nothing", async () => {
    const first = await leadrelay(["seed", "--demo"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("demo@leadrelay.local / leadrelay-demo-1");

    const second = await leadrelay(["seed", "--demo"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("already there");

    const owner = await db.user.findUniqueOrThrow({ where: { email: "demo@leadrelay.local" } });
    const tenants = await db.tenant.findMany({
      where: {
        name: "Contoso Analytics",
        memberships: { some: { userId: owner.id, role: "OWNER" } },
      },
      include: { memberships: true, invitations: true },
    });
    expect(tenants).toHaveLength(1);
    const [tenant] = tenants;
    expect(tenant!.memberships.map((m) => m.role).sort()).toEqual(["MEMBER", "OWNER"]);
    expect(tenant!.invitations).toEqual([
      expect.objectContaining({
        email: "invitee@leadrelay.local",
        acceptedAt: null,
        revokedAt: null,
      }),
    ]);
    expect(await db.user.count({ where: { email: { endsWith: "@leadrelay.local" } } })).toBe(2);
  });

  it("migrate reports an up-to-date database", async () => {
    const result = await leadrelay(["migrate"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("up to date");
  });

  it("--help works for every command", async () => {
    const commands = [
      [],
      ["migrate"],
      ["admin"],
      ["admin", "create"],
      ["tenant"],
      ["tenant", "create"],
      ["seed"],
    ];
    const results: CliResult[] = [];
    // An unreachable DATABASE_URL proves help needs no database.
    for (const command of commands)
      results.push(await leadrelay([...command, "--help"], { DATABASE_URL: UNREACHABLE_DATABASE }));
    results.forEach((result, i) => {
      expect(result.code, `${commands[i]!.join(" ")} --help: ${result.stderr}`).toBe(0);
      expect(result.stdout).toContain(`Usage: leadrelay ${commands[i]!.join(" ")}`.trimEnd());
    });
    expect(results[3]!.stdout).toContain("--promote");
    expect(results[5]!.stdout).toContain("--owner-email <email>");
    expect(results[6]!.stdout).toContain("--demo");
  });

  it("rejects unknown commands and missing options with a non-zero exit", async () => {
    const unknown = await leadrelay(["frobnicate"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("unknown command");

    const missing = await leadrelay(["tenant", "create", "--name", "No Owner"]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("--owner-email");

    const nothing = await leadrelay(["seed"]);
    expect(nothing.code).not.toBe(0);
    expect(nothing.stderr).toContain("seed --demo");
  });
});
