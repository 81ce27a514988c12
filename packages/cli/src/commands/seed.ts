import { createHash, randomBytes } from "node:crypto";
import { hashPassword, verifyPassword } from "@leadrelay/auth/password";
import {
  AuditRepository,
  InvitationRepository,
  MembershipRepository,
  TenantRepository,
  UserRepository,
  type Db,
  type TenantDto,
  type TenantRole,
  type UserDto,
} from "@leadrelay/db";
import type { Command } from "commander";
import { withDatabase } from "../database";
import { publicBaseUrl } from "../env";
import { CliError } from "../errors";
import { logLine, printJson, printLine } from "../output";
import {
  seedDemoFeedback,
  seedDemoFollowUps,
  seedDemoLeads,
  seedDemoOffers,
  type CapturedLead,
  type DemoStepResult,
} from "./demo/demo-workspace";

interface DemoPerson {
  email: string;
  name: string;
  password: string;
}

/**
 * The demo publisher. The fixed password is public on purpose (it is printed and
 * documented); it skips the sign-up password policy, which would refuse it for
 * containing "demo" from the e-mail address.
 */
export interface DemoSpec {
  tenantName: string;
  owner: DemoPerson;
  members: readonly (DemoPerson & { role: TenantRole })[];
  invitations: readonly { email: string; role: TenantRole }[];
}

export const DEMO = {
  tenantName: "Contoso Analytics",
  owner: { email: "demo@leadrelay.local", name: "Dana Demo", password: "leadrelay-demo-1" },
  members: [
    {
      email: "analyst@leadrelay.local",
      name: "Avery Analyst",
      password: "leadrelay-demo-1",
      role: "MEMBER",
    },
  ],
  invitations: [{ email: "invitee@leadrelay.local", role: "MEMBER" }],
} as const satisfies DemoSpec;

const INVITATION_DAYS = 7;

/** What one seeding step did, for the summary. */
export type SeedStepResult = DemoStepResult;

export interface DemoSeedContext {
  db: Db;
  /** The leads this run captured, for the steps about them; empty when they were already there. */
  captured?: CapturedLead[];
  tenant: TenantDto;
  owner: UserDto;
  /** Base of links printed for the demo (invitation links, capture URLs). */
  baseUrl: string;
  demo: DemoSpec;
}

/** One kind of demo data inside the demo tenant. Each must be safe to run again. */
export type DemoTenantSeeder = (context: DemoSeedContext) => Promise<SeedStepResult>;

const step = (kind: string): SeedStepResult => ({ kind, created: [], existing: [], notes: [] });

/** Finds the demo user or creates them; an existing user's password is left alone (and a mismatch reported). */
async function ensureDemoUser(
  db: Db,
  person: DemoPerson,
  result: SeedStepResult,
): Promise<UserDto> {
  const users = new UserRepository(db);
  const existing = await users.findByEmail(person.email);
  if (existing) {
    result.existing.push(person.email);
    const credentials = await users.findCredentials(person.email);
    if (
      !credentials?.passwordHash ||
      !(await verifyPassword(credentials.passwordHash, person.password))
    ) {
      result.notes.push(
        `${person.email} already existed with another password; the demo password will not work for it.`,
      );
    }
    return existing;
  }
  result.created.push(person.email);
  return users.create({
    email: person.email,
    name: person.name,
    passwordHash: await hashPassword(person.password),
  });
}

/** The demo tenant is the one named "Contoso Analytics" that the demo owner owns (so a real tenant of that name is never touched). */
async function findDemoTenant(db: Db, demo: DemoSpec, ownerId: string): Promise<TenantDto | null> {
  const owned = (await new TenantRepository(db).listForUser(ownerId)).find(
    (m) => m.role === "OWNER" && m.tenant.name === demo.tenantName,
  );
  return owned?.tenant ?? null;
}

async function ensureDemoTenant(
  db: Db,
  demo: DemoSpec,
  owner: UserDto,
  result: SeedStepResult,
): Promise<TenantDto> {
  const owned = await findDemoTenant(db, demo, owner.id);
  if (owned) {
    result.existing.push(demo.tenantName);
    return owned;
  }
  const tenant = await db.$transaction(async (tx) => {
    const created = await new TenantRepository(tx).createWithOwner({
      name: demo.tenantName,
      ownerId: owner.id,
    });
    if (!owner.activeTenantId)
      await new UserRepository(tx).update(owner.id, { activeTenantId: created.id });
    await new AuditRepository(tx).record({
      tenantId: created.id,
      actorId: owner.id,
      action: "tenant.created",
      targetType: "tenant",
      targetId: created.id,
      data: { source: "seed" },
    });
    return created;
  });
  result.created.push(`${tenant.name} (slug ${tenant.slug})`);
  return tenant;
}

export const seedDemoMembers: DemoTenantSeeder = async ({ db, tenant, demo }) => {
  const result = step("members");
  for (const person of demo.members) {
    const user = await ensureDemoUser(db, person, result);
    const memberships = new MembershipRepository(db);
    if (await memberships.findRole(tenant.id, user.id)) continue;
    await db.$transaction(async (tx) => {
      await new MembershipRepository(tx).add(tenant.id, user.id, person.role);
      if (!user.activeTenantId)
        await new UserRepository(tx).update(user.id, { activeTenantId: tenant.id });
      await new AuditRepository(tx).record({
        tenantId: tenant.id,
        actorId: user.id,
        action: "member.joined",
        targetType: "user",
        targetId: user.id,
        data: { role: person.role, source: "seed" },
      });
    });
    result.notes.push(`${person.email} joined as ${person.role}.`);
  }
  return result;
};

/** A pending invitation per address; a new one only when none is pending (the link is shown only when created). */
export const seedDemoInvitations: DemoTenantSeeder = async ({ db, tenant, owner, baseUrl, demo }) => {
  const result = step("invitations");
  const pending = await new InvitationRepository(db).listPending(tenant.id);
  for (const invitation of demo.invitations) {
    if (pending.some((p) => p.email === invitation.email)) {
      result.existing.push(`${invitation.email} (pending; its link was shown when it was created)`);
      continue;
    }
    const token = randomBytes(32).toString("base64url");
    await db.$transaction(async (tx) => {
      const created = await new InvitationRepository(tx).create({
        tenantId: tenant.id,
        email: invitation.email,
        role: invitation.role,
        tokenHash: createHash("sha256").update(token).digest("hex"),
        invitedById: owner.id,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000),
      });
      await new AuditRepository(tx).record({
        tenantId: tenant.id,
        actorId: owner.id,
        action: "member.invited",
        targetType: "invitation",
        targetId: created.id,
        data: { email: invitation.email, role: invitation.role, source: "seed" },
      });
    });
    result.created.push(`${invitation.email}: ${baseUrl}/invite/${token}`);
  }
  return result;
};

/**
 * Run in order inside the demo tenant. Leads come after the offers (their capture URLs),
 * follow-up work and feedback after the leads they are about.
 */
export const DEMO_TENANT_SEEDERS: readonly DemoTenantSeeder[] = [
  seedDemoMembers,
  seedDemoInvitations,
  seedDemoOffers,
  async (context) => {
    const { result, captured } = await seedDemoLeads(context);
    context.captured = captured;
    return result;
  },
  (context) => seedDemoFollowUps(context, context.captured ?? []),
  (context) => seedDemoFeedback(context, context.captured ?? []),
];

export interface DemoSeedResult {
  tenant: TenantDto;
  owner: UserDto;
  steps: SeedStepResult[];
}

export interface DemoSeedOptions {
  baseUrl: string;
  /** Deletes the demo tenant (and everything in it) first, then creates the demo afresh. */
  reset?: boolean;
  /** Who and what the demo is; tests use their own people so they never share the real demo. */
  demo?: DemoSpec;
}

/** Deletes the demo tenant if there is one; the demo users stay, with no active tenant if it was the demo. */
async function resetDemo(db: Db, demo: DemoSpec): Promise<SeedStepResult> {
  const result = step("reset");
  const users = new UserRepository(db);
  const owner = await users.findByEmail(demo.owner.email);
  const tenant = owner ? await findDemoTenant(db, demo, owner.id) : null;
  if (!owner || !tenant) {
    result.notes.push("there was no demo publisher to delete.");
    return result;
  }
  await db.$transaction(async (tx) => {
    await new TenantRepository(tx).delete(tenant.id);
    const txUsers = new UserRepository(tx);
    for (const email of [demo.owner.email, ...demo.members.map((m) => m.email)]) {
      const user = await txUsers.findByEmail(email);
      if (user?.activeTenantId === tenant.id) await txUsers.update(user.id, { activeTenantId: null });
    }
  });
  result.notes.push(`deleted "${tenant.name}" (slug ${tenant.slug}) with all its offers, leads and settings.`);
  return result;
}

/** Creates the demo publisher and its data; running it again adds only what is missing. */
export async function seedDemo(db: Db, options: DemoSeedOptions): Promise<DemoSeedResult> {
  const demo = options.demo ?? DEMO;
  const steps: SeedStepResult[] = [];
  if (options.reset) steps.push(await resetDemo(db, demo));
  const ownerStep = step("owner");
  const owner = await ensureDemoUser(db, demo.owner, ownerStep);
  const tenantStep = step("tenant");
  const tenant = await ensureDemoTenant(db, demo, owner, tenantStep);
  steps.push(ownerStep, tenantStep);
  const context: DemoSeedContext = { db, tenant, owner, baseUrl: options.baseUrl, demo };
  for (const seeder of DEMO_TENANT_SEEDERS) steps.push(await seeder(context));
  return { tenant, owner, steps };
}

function printDemoSummary(result: DemoSeedResult): void {
  printLine(`Demo publisher "${result.tenant.name}" is ready (slug ${result.tenant.slug}).`);
  for (const s of result.steps) {
    for (const line of s.created) printLine(`  ${s.kind}: created ${line}`);
    for (const line of s.existing) printLine(`  ${s.kind}: already there: ${line}`);
    for (const line of s.notes) printLine(`  ${s.kind}: ${line}`);
  }
  printLine();
  printLine("Sign in with:");
  printLine(`  owner   ${DEMO.owner.email} / ${DEMO.owner.password}`);
  for (const member of DEMO.members)
    printLine(`  ${member.role.toLowerCase().padEnd(7)} ${member.email} / ${member.password}`);
}

export function registerSeedCommand(program: Command): void {
  program
    .command("seed")
    .description("add sample data; safe to run again (adds only what is missing)")
    .option(
      "--demo",
      `a demo publisher "${DEMO.tenantName}" with an owner (${DEMO.owner.email} / ${DEMO.owner.password}), a member, ` +
        "a pending invitation, four offers with capture URLs, a failing webhook, about 60 leads from the last 60 days " +
        "with follow-up work, and a piece of feedback",
    )
    .option("--reset", "with --demo: delete the demo publisher and everything in it first, then create it afresh")
    .option("--json", "print only {tenantId, slug, email, password} as JSON")
    .action(async (options: { demo?: boolean; reset?: boolean; json?: boolean }) => {
      if (!options.demo)
        throw new CliError(
          "Say what to seed: `leadrelay seed --demo` creates the demo publisher. See `leadrelay seed --help`.",
        );
      logLine(options.reset ? "Deleting and re-creating the demo publisher…" : "Seeding the demo publisher…");
      const result = await withDatabase(({ db }) =>
        seedDemo(db, { baseUrl: publicBaseUrl(), reset: options.reset ?? false }),
      );
      if (options.json) {
        printJson({
          tenantId: result.tenant.id,
          slug: result.tenant.slug,
          email: DEMO.owner.email,
          password: DEMO.owner.password,
        });
        return;
      }
      printDemoSummary(result);
    });
}
