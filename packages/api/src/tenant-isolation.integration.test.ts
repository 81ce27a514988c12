/**
 * Walks every procedure of the router. Each must be listed in PROCEDURES with
 * its access level, so a newly added procedure fails this file until someone
 * states who may call it and (for tenant data) proves it stays in its tenant:
 *
 * - every non-public procedure refuses anonymous callers and stale sessions;
 * - every tenant-scoped procedure refuses users without a tenant and members
 *   of a suspended tenant, enforces its declared role, and — called by an
 *   owner of tenant A with tenant B's ids wherever the input takes ids —
 *   neither returns nor changes anything of tenant B;
 * - every platform-admin procedure refuses non-admins with a clear message;
 * - API tokens (Authorization: Bearer lr_…) reach only procedures that declare
 *   a scope, and a procedure that declares one must come with a token attack.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { appRouter } from "./root";
import {
  addMember,
  anonymous,
  callerFor,
  createPlatformAdmin,
  createUserWithoutTenant,
  db,
  DEFAULT_PASSWORD,
  expectAppError,
  invite,
  signUp,
  tokenCaller,
  uid,
  uniqueEmail,
  type Caller,
  type Invite,
  type SignedUpUser,
  type TestUser,
} from "./test/factories";
import { API_SCOPE_NAMES, type ApiScope } from "./scopes";
import { platformAdminProcedure, protectedProcedure, tenantAdminProcedure, tenantOwnerProcedure, tenantProcedure } from "./trpc";

// ------------------------------------------------------------------ fixture

interface TenantFixture {
  tenantId: string;
  owner: SignedUpUser;
  admin: TestUser;
  member: TestUser;
  /** A pending invitation to a person who has no account yet. */
  pending: Invite & { email: string };
  /** An API token with every scope, created by the owner. */
  token: { id: string; prefix: string; value: string };
}

interface Fixture {
  A: TenantFixture;
  B: TenantFixture;
  /** Suspended by platform staff. */
  C: TenantFixture;
  /** A throwaway tenant for the platform admin's own calls. */
  D: TenantFixture;
  staff: TestUser;
  /** Signed in, member of no tenant. */
  loner: TestUser;
  /** Members of both A (their active tenant) and B. */
  dual: { role: TestUser; remove: TestUser; leave: TestUser };
}

async function makeTenant(label: string): Promise<TenantFixture> {
  const owner = await signUp({ label: `${label}-owner`, companyName: `Tenant ${label} ${uid()}` });
  const admin = await addMember(owner.caller, { role: "ADMIN", label: `${label}-admin` });
  const member = await addMember(owner.caller, { role: "MEMBER", label: `${label}-member` });
  const email = uniqueEmail(`${label}-pending`);
  const pending = { ...(await invite(owner.caller, email, "ADMIN")), email };
  const created = await owner.caller.apiTokens.create({ name: `${label} integration ${uid()}`, scopes: [...API_SCOPE_NAMES] });
  const token = { id: created.apiToken.id, prefix: created.apiToken.prefix, value: created.token };
  return { tenantId: owner.tenant.id, owner, admin, member, pending, token };
}

/** A user in B and in A, with A active (accepting an invitation activates its tenant). */
async function makeDual(f: Pick<Fixture, "A" | "B">, label: string): Promise<TestUser> {
  const user = await createUserWithoutTenant({ label });
  await user.caller.invitations.accept({ token: (await invite(f.B.owner.caller, user.email, "MEMBER")).token });
  await user.caller.invitations.accept({ token: (await invite(f.A.owner.caller, user.email, "MEMBER")).token });
  return user;
}

let f: Fixture;

beforeAll(async () => {
  const [A, B, C, D, staff, loner] = await Promise.all([
    makeTenant("a"),
    makeTenant("b"),
    makeTenant("c"),
    makeTenant("d"),
    createPlatformAdmin(),
    createUserWithoutTenant({ label: "loner" }),
  ]);
  const dual = {
    role: await makeDual({ A, B }, "dual-role"),
    remove: await makeDual({ A, B }, "dual-remove"),
    leave: await makeDual({ A, B }, "dual-leave"),
  };
  await staff.caller.admin.setTenantStatus({ tenantId: C.tenantId, status: "SUSPENDED" });
  f = { A, B, C, D, staff, loner, dual };
});

/** Everything of a tenant a procedure could read or change, straight from the database. */
async function snapshot(t: TenantFixture) {
  const tenantId = t.tenantId;
  const [tenant, memberships, invitations, auditEventIds, users, apiTokens] = await Promise.all([
    db().tenant.findUniqueOrThrow({ where: { id: tenantId } }),
    db().membership.findMany({ where: { tenantId }, orderBy: { userId: "asc" } }),
    db().invitation.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db().auditEvent.findMany({ where: { tenantId }, select: { id: true }, orderBy: { id: "asc" } }),
    db().user.findMany({ where: { id: { in: [t.owner.userId, t.admin.userId, t.member.userId] } }, orderBy: { id: "asc" } }),
    db().apiToken.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
  ]);
  return { tenant, memberships, invitations, auditEventIds, users, apiTokens };
}

/** Strings only tenant `t` knows: none may appear in what another tenant's user gets back. */
function secretsOf(t: TenantFixture): Record<string, string> {
  return {
    tenantId: t.tenantId,
    tenantName: t.owner.tenant.name,
    tenantSlug: t.owner.tenant.slug,
    ownerId: t.owner.userId,
    ownerEmail: t.owner.email,
    adminId: t.admin.userId,
    adminEmail: t.admin.email,
    memberId: t.member.userId,
    memberEmail: t.member.email,
    invitationId: t.pending.invitationId,
    invitationEmail: t.pending.email,
    invitationToken: t.pending.token,
    apiTokenId: t.token.id,
    apiTokenPrefix: t.token.prefix,
    apiTokenValue: t.token.value,
  };
}

function expectNothingOf(t: TenantFixture, output: unknown) {
  const text = JSON.stringify(output instanceof Error ? describeError(output) : output) ?? "";
  for (const [what, secret] of Object.entries(secretsOf(t))) {
    expect(text.includes(secret), `tenant B's ${what} (${secret}) appears in ${text.slice(0, 500)}`).toBe(false);
  }
}

function describeError(e: Error) {
  return { name: e.name, message: e.message, code: (e as AppError).code, reason: (e as AppError).reason };
}

/** Calls `path` (e.g. "members.remove") on a caller. */
function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const segments = path.split(".");
  let target: unknown = caller;
  for (const segment of segments) target = (target as Record<string, unknown>)[segment];
  return (target as (input: unknown) => Promise<unknown>)(input);
}

const rejection = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

// ------------------------------------------------------------------ the table

type Input = (t: TenantFixture) => unknown;
/** As a user of tenant A, aim at tenant B. Returns what the attacker got back. Asserts its own outcome. */
type Attack = (f: Fixture) => Promise<unknown>;

/**
 * `scope`: the API-token scope the procedure declares in its meta (none: tokens are refused).
 * `tokenCrossTenant`: required with a scope — as tenant A's API token, aim at tenant B.
 */
interface TokenAccess {
  scope?: ApiScope;
  tokenCrossTenant?: Attack;
}

type Spec =
  | { kind: "public"; input: Input }
  | ({ kind: "signedIn"; input: Input; crossTenant: Attack } & TokenAccess)
  | ({ kind: "tenant"; role: "member" | "admin" | "owner"; input: Input; crossTenant: Attack } & TokenAccess)
  | { kind: "platformAdmin"; input: Input };

const PROCEDURES: Record<string, Spec> = {
  // ------------------------------------------------------------ account
  "account.signUp": {
    kind: "public",
    input: () => ({ name: "Probe", email: uniqueEmail("probe"), password: DEFAULT_PASSWORD, companyName: `Probe ${uid()}` }),
  },
  "account.me": {
    kind: "signedIn",
    input: () => undefined,
    crossTenant: async ({ A }) => {
      const me = await A.owner.caller.account.me();
      const own = await db().membership.findMany({ where: { userId: A.owner.userId }, select: { tenantId: true } });
      expect(me.tenants.map((t) => t.id).sort()).toEqual(own.map((m) => m.tenantId).sort());
      expect(me.tenants.map((t) => t.id)).toContain(A.tenantId);
      return me;
    },
  },
  "account.switchTenant": {
    kind: "signedIn",
    input: (t) => ({ tenantId: t.tenantId }),
    crossTenant: async ({ A, B }) => {
      const error = await expectAppError(A.owner.caller.account.switchTenant({ tenantId: B.tenantId }), {
        code: "NOT_FOUND",
        reason: "tenantNotFound",
      });
      expect((await A.owner.caller.tenant.current()).id).toBe(A.tenantId);
      return error;
    },
  },
  "account.createTenant": {
    kind: "signedIn",
    input: () => ({ name: `Probe ${uid()}` }),
    crossTenant: async ({ A }) => {
      const created = await A.owner.caller.account.createTenant({ name: `Spin-off ${uid()}` });
      expect((await A.owner.caller.members.list()).map((m) => m.userId)).toEqual([A.owner.userId]);
      await A.owner.caller.account.switchTenant({ tenantId: A.tenantId });
      return created;
    },
  },
  "account.setLocale": {
    kind: "signedIn",
    input: () => ({ locale: "ru" }),
    crossTenant: async ({ A }) => {
      const result = await A.owner.caller.account.setLocale({ locale: "ru" });
      expect((await A.owner.caller.account.me()).user.locale).toBe("ru");
      return result;
    },
  },

  // ------------------------------------------------------------ tenant
  "tenant.current": {
    kind: "tenant",
    role: "member",
    input: () => undefined,
    crossTenant: async ({ A }) => {
      const current = await A.owner.caller.tenant.current();
      expect(current.id).toBe(A.tenantId);
      return current;
    },
  },
  "tenant.rename": {
    kind: "tenant",
    role: "admin",
    input: () => ({ name: `Probe ${uid()}` }),
    crossTenant: async ({ A }) => {
      const name = `A renamed ${uid()}`;
      const renamed = await A.owner.caller.tenant.rename({ name });
      expect(renamed).toMatchObject({ id: A.tenantId, name });
      return renamed;
    },
  },
  "tenant.auditLog": {
    kind: "tenant",
    role: "owner",
    input: () => undefined,
    crossTenant: async ({ A }) => {
      const log = await A.owner.caller.tenant.auditLog();
      expect(log.length).toBeGreaterThan(0);
      expect(new Set(log.map((e) => e.tenantId))).toEqual(new Set([A.tenantId]));
      return log;
    },
  },

  // ------------------------------------------------------------ members
  "members.list": {
    kind: "tenant",
    role: "member",
    input: () => undefined,
    crossTenant: async ({ A }) => {
      const listed = await A.owner.caller.members.list();
      const own = await db().membership.findMany({ where: { tenantId: A.tenantId }, select: { userId: true } });
      expect(listed.map((m) => m.userId).sort()).toEqual(own.map((m) => m.userId).sort());
      return listed;
    },
  },
  "members.updateRole": {
    kind: "tenant",
    role: "owner",
    input: (t) => ({ userId: t.admin.userId, role: "OWNER" }),
    crossTenant: async ({ A, B, dual }) => {
      const errors = [
        await expectAppError(A.owner.caller.members.updateRole({ userId: B.admin.userId, role: "OWNER" }), { code: "NOT_FOUND", reason: "memberNotFound" }),
        await expectAppError(A.owner.caller.members.updateRole({ userId: B.owner.userId, role: "MEMBER" }), { code: "NOT_FOUND", reason: "memberNotFound" }),
      ];
      // Someone in both tenants: only their role in A changes.
      await A.owner.caller.members.updateRole({ userId: dual.role.userId, role: "ADMIN" });
      const roleOf = async (tenantId: string) =>
        (await db().membership.findUnique({ where: { tenantId_userId: { tenantId, userId: dual.role.userId } } }))?.role;
      expect({ inA: await roleOf(A.tenantId), inB: await roleOf(B.tenantId) }).toEqual({ inA: "ADMIN", inB: "MEMBER" });
      return errors;
    },
  },
  "members.remove": {
    kind: "tenant",
    role: "owner",
    input: (t) => ({ userId: t.admin.userId }),
    crossTenant: async ({ A, B, dual }) => {
      const errors = [
        await expectAppError(A.owner.caller.members.remove({ userId: B.admin.userId }), { code: "NOT_FOUND", reason: "memberNotFound" }),
        await expectAppError(A.owner.caller.members.remove({ userId: B.owner.userId }), { code: "NOT_FOUND", reason: "memberNotFound" }),
      ];
      // Someone in both tenants: removed from A only.
      await A.owner.caller.members.remove({ userId: dual.remove.userId });
      expect(await db().membership.findMany({ where: { userId: dual.remove.userId }, select: { tenantId: true, role: true } })).toEqual([
        { tenantId: B.tenantId, role: "MEMBER" },
      ]);
      return errors;
    },
  },
  "members.leave": {
    kind: "tenant",
    role: "member",
    input: () => undefined,
    crossTenant: async ({ A, B, dual }) => {
      const left = await dual.leave.caller.members.leave();
      expect(left).toEqual({ tenantId: A.tenantId });
      expect(await db().membership.findMany({ where: { userId: dual.leave.userId }, select: { tenantId: true } })).toEqual([
        { tenantId: B.tenantId },
      ]);
      return left;
    },
  },

  // ------------------------------------------------------------ invitations
  "invitations.list": {
    kind: "tenant",
    role: "admin",
    input: () => undefined,
    crossTenant: async ({ A }) => {
      const listed = await A.owner.caller.invitations.list();
      expect(listed.map((i) => i.id)).toContain(A.pending.invitationId);
      return listed;
    },
  },
  "invitations.create": {
    kind: "tenant",
    role: "admin",
    input: () => ({ email: uniqueEmail("probe"), role: "OWNER" }),
    crossTenant: async ({ A, B }) => {
      const created = await A.owner.caller.invitations.create({ email: uniqueEmail("from-a"), role: "ADMIN" });
      expect((await db().invitation.findUniqueOrThrow({ where: { id: created.invitation.id } })).tenantId).toBe(A.tenantId);
      expect(created.inviteUrl).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
      return created;
    },
  },
  "invitations.revoke": {
    kind: "tenant",
    role: "admin",
    input: (t) => ({ invitationId: t.pending.invitationId }),
    crossTenant: async ({ A, B }) =>
      expectAppError(A.owner.caller.invitations.revoke({ invitationId: B.pending.invitationId }), {
        code: "NOT_FOUND",
        reason: "invitationNotFound",
      }),
  },
  "invitations.preview": {
    kind: "public",
    input: (t) => ({ token: t.pending.token }),
  },
  "invitations.accept": {
    kind: "signedIn",
    input: (t) => ({ token: t.pending.token }),
    crossTenant: async ({ A, B }) => {
      const error = await expectAppError(A.owner.caller.invitations.accept({ token: B.pending.token }), {
        code: "FORBIDDEN",
        reason: "invitationEmailMismatch",
      });
      // By design the holder of a link learns the invited address (the public preview shows it too),
      // so only the outcome is checked for leaks here.
      return { code: error.code, reason: error.reason };
    },
  },

  // ------------------------------------------------------------ apiTokens
  "apiTokens.list": {
    kind: "tenant",
    role: "admin",
    input: () => undefined,
    crossTenant: async ({ A }) => {
      const listed = await A.owner.caller.apiTokens.list();
      const own = await db().apiToken.findMany({ where: { tenantId: A.tenantId }, select: { id: true } });
      expect(listed.map((t) => t.id).sort()).toEqual(own.map((t) => t.id).sort());
      expect(listed.map((t) => t.id)).toContain(A.token.id);
      expect(JSON.stringify(listed)).not.toContain("tokenHash");
      return listed;
    },
  },
  "apiTokens.scopes": {
    kind: "tenant",
    role: "member",
    input: () => undefined,
    crossTenant: async ({ A }) => {
      const scopes = await A.member.caller.apiTokens.scopes();
      expect(scopes.map((s) => s.scope).sort()).toEqual([...API_SCOPE_NAMES].sort());
      return scopes;
    },
  },
  "apiTokens.create": {
    kind: "tenant",
    role: "admin",
    input: () => ({ name: `Probe ${uid()}`, scopes: ["leads:read"] }),
    crossTenant: async ({ A }) => {
      const created = await A.owner.caller.apiTokens.create({ name: `From A ${uid()}`, scopes: ["leads:read"] });
      expect(created.token.startsWith("lr_")).toBe(true);
      expect((await db().apiToken.findUniqueOrThrow({ where: { id: created.apiToken.id } })).tenantId).toBe(A.tenantId);
      return created;
    },
  },
  "apiTokens.revoke": {
    kind: "tenant",
    role: "admin",
    input: (t) => ({ tokenId: t.token.id }),
    crossTenant: async ({ A, B }) =>
      expectAppError(A.owner.caller.apiTokens.revoke({ tokenId: B.token.id }), { code: "NOT_FOUND", reason: "tokenNotFound" }),
  },

  // ------------------------------------------------------------ admin
  "admin.listTenants": { kind: "platformAdmin", input: () => ({}) },
  "admin.setTenantStatus": { kind: "platformAdmin", input: (t) => ({ tenantId: t.tenantId, status: "SUSPENDED" }) },
};

const entries = Object.entries(PROCEDURES);
const ofKind = <K extends Spec["kind"]>(kind: K) =>
  entries.filter((e): e is [string, Extract<Spec, { kind: K }>] => e[1].kind === kind);

// ------------------------------------------------------------------ tests

describe("the procedure table", () => {
  it("lists exactly the router's procedures (add new procedures to PROCEDURES)", () => {
    expect(Object.keys(appRouter._def.lazy), "lazy routers cannot be enumerated").toEqual([]);
    const routed = Object.keys(appRouter._def.procedures).sort();
    expect(routed.length).toBeGreaterThan(0);
    expect(Object.keys(PROCEDURES).sort()).toEqual(routed);
  });

  it("matches each procedure's middleware chain", () => {
    const mws = (builder: unknown) => (builder as { _def: { middlewares: unknown[] } })._def.middlewares;
    const signedIn = mws(protectedProcedure).at(-1);
    const tenant = mws(tenantProcedure).at(-1);
    const tenantAdmin = mws(tenantAdminProcedure).at(-1);
    const tenantOwner = mws(tenantOwnerProcedure).at(-1);
    const platformAdmin = mws(platformAdminProcedure).at(-1);
    const actual = Object.fromEntries(
      Object.entries(appRouter._def.procedures).map(([path, procedure]) => {
        const chain = mws(procedure);
        const level = chain.includes(platformAdmin)
          ? "platformAdmin"
          : chain.includes(tenantOwner)
            ? "tenant:owner"
            : chain.includes(tenantAdmin)
              ? "tenant:admin"
              : chain.includes(tenant)
                ? "tenant:member"
                : chain.includes(signedIn)
                  ? "signedIn"
                  : "public";
        return [path, level];
      }),
    );
    const declared = Object.fromEntries(entries.map(([path, spec]) => [path, spec.kind === "tenant" ? `tenant:${spec.role}` : spec.kind]));
    expect(actual).toEqual(declared);
  });

  it("declares each procedure's API-token scope, with a token attack for every scoped one", () => {
    const actual = Object.fromEntries(
      Object.entries(appRouter._def.procedures).map(([path, procedure]) => [
        path,
        (procedure as unknown as { _def: { meta?: { scope?: string } } })._def.meta?.scope ?? null,
      ]),
    );
    const declared = Object.fromEntries(entries.map(([path, spec]) => [path, ("scope" in spec && spec.scope) || null]));
    expect(actual).toEqual(declared);
    const scopedWithoutAttack = entries
      .filter(([, spec]) => "scope" in spec && spec.scope && !spec.tokenCrossTenant)
      .map(([path]) => path);
    expect(scopedWithoutAttack, "scoped procedures need a tokenCrossTenant attack").toEqual([]);
  });
});

describe("anonymous callers", () => {
  const nonPublic = entries.filter(([, spec]) => spec.kind !== "public");
  it.each(nonPublic)("%s → UNAUTHORIZED signedOut", async (path, spec) => {
    const before = await snapshot(f.B);
    await expectAppError(call(anonymous(), path, spec.input(f.B)), { code: "UNAUTHORIZED", reason: "signedOut", message: "Sign in to continue." });
    expect(await snapshot(f.B)).toEqual(before);
  });

  it.each(nonPublic)("%s → UNAUTHORIZED for a session whose user no longer exists", async (path, spec) => {
    const before = await snapshot(f.B);
    await expectAppError(call(callerFor(`gone-${uid()}`), path, spec.input(f.B)), {
      code: "UNAUTHORIZED",
      reason: "signedOut",
      message: "Your account no longer exists. Sign in again.",
    });
    expect(await snapshot(f.B)).toEqual(before);
  });

  it.each(nonPublic)("%s → UNAUTHORIZED invalidToken for a forged API token", async (path, spec) => {
    const before = await snapshot(f.B);
    await expectAppError(call(tokenCaller(`lr_${uid()}${uid()}${uid()}`), path, spec.input(f.B)), {
      code: "UNAUTHORIZED",
      reason: "invalidToken",
    });
    expect(await snapshot(f.B)).toEqual(before);
  });

  it.each(ofKind("public"))("%s is open to anonymous callers", async (path, spec) => {
    const result = await call(anonymous(), path, spec.input(f.D));
    expect(result).toBeTruthy();
  });
});

describe("tenant-scoped procedures", () => {
  const tenantScoped = ofKind("tenant");

  it.each(tenantScoped)("%s → FORBIDDEN noTenant for a user in no tenant", async (path, spec) => {
    const before = await snapshot(f.B);
    await expectAppError(call(f.loner.caller, path, spec.input(f.B)), {
      code: "FORBIDDEN",
      reason: "noTenant",
      message: "You are not a member of any publisher account.",
    });
    expect(await snapshot(f.B)).toEqual(before);
  });

  it.each(tenantScoped)("%s → FORBIDDEN tenantSuspended for the owner of a suspended tenant", async (path, spec) => {
    const before = await snapshot(f.C);
    await expectAppError(call(f.C.owner.caller, path, spec.input(f.C)), {
      code: "FORBIDDEN",
      reason: "tenantSuspended",
      message: `The publisher account "${f.C.owner.tenant.name}" is suspended. Contact the Leadrelay team.`,
    });
    expect(await snapshot(f.C)).toEqual(before);
  });

  const restricted = tenantScoped.filter(([, spec]) => spec.role !== "member");
  it.each(restricted)("%s refuses roles below its own", async (path, spec) => {
    const before = await snapshot(f.A);
    const lower = spec.role === "owner" ? [f.A.member, f.A.admin] : [f.A.member];
    for (const user of lower) {
      await expectAppError(call(user.caller, path, spec.input(f.A)), {
        code: "FORBIDDEN",
        reason: spec.role === "owner" ? "ownerOnly" : "adminOnly",
      });
    }
    expect(await snapshot(f.A)).toEqual(before);
  });

  it.each([...tenantScoped, ...ofKind("signedIn")])(
    "%s: a user of tenant A neither reads nor changes tenant B",
    async (_path, spec) => {
      const before = await snapshot(f.B);
      const output = await spec.crossTenant(f);
      expectNothingOf(f.B, output);
      expect(await snapshot(f.B)).toEqual(before);
    },
  );
});

describe("API tokens", () => {
  const nonPublic = entries.filter(([, spec]) => spec.kind !== "public");
  const unscoped = nonPublic.filter(([, spec]) => !("scope" in spec && spec.scope));
  const scoped = nonPublic.filter((e): e is [string, Extract<Spec, TokenAccess>] => "scope" in e[1] && !!e[1].scope);

  it.each(unscoped)("%s refuses tenant A's all-scopes token (FORBIDDEN notForTokens), aimed at B", async (path, spec) => {
    const before = await snapshot(f.B);
    await expectAppError(call(tokenCaller(f.A.token.value), path, spec.input(f.B)), { code: "FORBIDDEN", reason: "notForTokens" });
    expect(await snapshot(f.B)).toEqual(before);
  });

  if (scoped.length > 0) {
    it.each(scoped)("%s: tenant A's token neither reads nor changes tenant B", async (_path, spec) => {
      const before = await snapshot(f.B);
      expectNothingOf(f.B, await spec.tokenCrossTenant!(f));
      expect(await snapshot(f.B)).toEqual(before);
    });
  }
});

describe("platform-admin procedures", () => {
  const adminOnly = ofKind("platformAdmin");

  it.each(adminOnly)("%s → FORBIDDEN platformAdminOnly for a tenant owner", async (path, spec) => {
    const beforeB = await snapshot(f.B);
    for (const user of [f.B.owner, f.A.owner, f.A.member]) {
      const error = await rejection(call(user.caller, path, spec.input(f.B)));
      expect(error).toBeInstanceOf(AppError);
      expect(describeError(error as Error)).toMatchObject({
        code: "FORBIDDEN",
        reason: "platformAdminOnly",
        message: "This is for Leadrelay platform administrators only.",
      });
    }
    expect(await snapshot(f.B)).toEqual(beforeB);
  });

  it.each(adminOnly)("%s works for platform staff (so the refusal above is about the caller)", async (path, spec) => {
    await expect(call(f.staff.caller, path, spec.input(f.D))).resolves.toBeTruthy();
  });
});
