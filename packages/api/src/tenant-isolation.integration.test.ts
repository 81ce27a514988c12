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
 *
 * Every tenant is filled with rows of every kind (test/tenant-isolation-data.ts), and
 * "B unchanged" compares every row tenant B owns, in every table with a tenantId.
 */
import { NotificationRepository } from "@leadrelay/db";
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
import { seedTenantData, tenantRows, type TenantData } from "./test/tenant-isolation-data";
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
  /** Rows of every kind: offers, capture URLs, leads, pipeline, destinations, deliveries, feedback, notifications. */
  data: TenantData;
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

async function makeTenant(label: string): Promise<Omit<TenantFixture, "data">> {
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
  const [a, b, c, d, staff, loner] = await Promise.all([
    makeTenant("a"),
    makeTenant("b"),
    makeTenant("c"),
    makeTenant("d"),
    createPlatformAdmin(),
    createUserWithoutTenant({ label: "loner" }),
  ]);
  const withData = async (t: Omit<TenantFixture, "data">, label: string): Promise<TenantFixture> => ({ ...t, data: await seedTenantData(t, staff.caller, label) });
  const [A, B, C, D] = await Promise.all([withData(a, "a"), withData(b, "b"), withData(c, "c"), withData(d, "d")]);
  const dual = {
    role: await makeDual({ A, B }, "dual-role"),
    remove: await makeDual({ A, B }, "dual-remove"),
    leave: await makeDual({ A, B }, "dual-leave"),
  };
  // A notice of tenant B for someone who is also in A (A active): it must stay out of their view of A.
  const title = `Notice for dual ${uid()}`;
  const body = `Body for dual ${uid()}`;
  const notice = await new NotificationRepository(db()).create({ tenantId: B.tenantId, userId: dual.role.userId, kind: "followup.digest", title, body });
  B.data.notifications.push({ id: notice.id, title, body });
  await staff.caller.admin.setTenantStatus({ tenantId: C.tenantId, status: "SUSPENDED" });
  f = { A, B, C, D, staff, loner, dual };
});

/** Everything of a tenant a procedure could read or change, straight from the database: every row of every tenant table. */
function snapshot(t: TenantFixture) {
  return tenantRows(t.tenantId, [t.owner.userId, t.admin.userId, t.member.userId]);
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
    ...dataSecrets(t.data),
  };
}

function dataSecrets(d: TenantData): Record<string, string> {
  const many = (what: string, values: string[]) => Object.fromEntries(values.map((value, i) => [`${what}${i}`, value]));
  return {
    offerId: d.offer.id,
    offerTitle: d.offer.title,
    offerEndpointId: d.offerEndpoint.id,
    offerEndpointToken: d.offerEndpoint.token,
    tenantEndpointId: d.tenantEndpoint.id,
    tenantEndpointToken: d.tenantEndpoint.token,
    rejectionId: d.rejection.id,
    rejectionReason: d.rejection.reason,
    rejectionBody: d.rejection.bodyExcerpt,
    leadId: d.lead.id,
    leadTouchpointId: d.lead.touchpointId,
    leadEmail: d.lead.email,
    leadFirstName: d.lead.firstName,
    leadLastName: d.lead.lastName,
    leadCompany: d.lead.company,
    leadRawBody: d.lead.rawBodyMarker,
    leadExtraField: d.lead.extraFieldMarker,
    sharedLeadId: d.sharedLead.id,
    sharedLeadTouchpointId: d.sharedLead.touchpointId,
    ...many("stageId", d.stageIds),
    stageName: d.stage.name,
    ...many("criterionId", d.criterionIds),
    criterionLabel: d.criterion.label,
    activityId: d.activity.id,
    activityOutcome: d.activity.outcome,
    activityNotes: d.activity.notes,
    ...many("timelineEventId", d.timelineEventIds),
    destinationId: d.destination.id,
    destinationName: d.destination.name,
    destinationUrl: d.destination.url,
    destinationSigningSecret: d.destination.signingSecret,
    destinationApiKey: d.destination.apiKey,
    tableImportId: d.tableImport.id,
    tableImportName: d.tableImport.name,
    tableImportAccount: d.tableImport.accountName,
    tableImportKey: d.tableImport.accountKey,
    pausedDestinationId: d.pausedDestination.id,
    pausedDestinationName: d.pausedDestination.name,
    pausedDestinationSigningSecret: d.pausedDestination.signingSecret,
    deliveryId: d.delivery.id,
    deliveryIdempotencyKey: d.delivery.idempotencyKey,
    deliveryError: d.delivery.lastError,
    deliveryAttemptId: d.delivery.attemptId,
    deliveryResponse: d.delivery.responseExcerpt,
    feedbackId: d.feedback.id,
    feedbackMessage: d.feedback.message,
    feedbackStaffReply: d.feedback.staffReply,
    feedbackOwnerReply: d.feedback.ownerReply,
    ...many("notificationId", d.notifications.map((n) => n.id)),
    ...many("notificationTitle", d.notifications.map((n) => n.title)),
    ...many("notificationBody", d.notifications.map((n) => n.body)),
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

/** The same attack as tenant A's owner (signed in) and as tenant A's all-scopes API token. */
function bothWays(attack: (caller: Caller, f: Fixture) => Promise<unknown>): { crossTenant: Attack; tokenCrossTenant: Attack } {
  return {
    crossTenant: (f) => attack(f.A.owner.caller, f),
    tokenCrossTenant: (f) => attack(tokenCaller(f.A.token.value), f),
  };
}

const sorted = (values: readonly string[]) => [...values].sort();
/** A well-formed connection string of a public storage account (never contacted: every call here is refused first). */
const probeConnectionString = () =>
  `DefaultEndpointsProtocol=https;AccountName=probe${uid()};AccountKey=${Buffer.alloc(64, 3).toString("base64")};EndpointSuffix=core.windows.net`;
const idsOf = (rows: readonly { id: string }[]) => sorted(rows.map((r) => r.id));
const tenantLeadIds = async (tenantId: string) => idsOf(await db().lead.findMany({ where: { tenantId }, select: { id: true } }));
const tenantOfferIds = async (tenantId: string) => idsOf(await db().offer.findMany({ where: { tenantId }, select: { id: true } }));
/** followUps.list's cursor format (base64url JSON of the last lead's id). */
const followUpCursor = (leadId: string) => Buffer.from(JSON.stringify({ id: leadId })).toString("base64url");
/** A calendar day in UTC, `days` from today, as the insights range takes it. */
const dateKey = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function expectSubset(actual: readonly string[], allowed: readonly string[], what: string) {
  const outside = actual.filter((id) => !allowed.includes(id));
  expect(outside, `${what} outside the caller's tenant`).toEqual([]);
}

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
    crossTenant: async ({ A }) => {
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

  // ------------------------------------------------------------ offers
  "offers.list": {
    kind: "tenant",
    role: "member",
    scope: "offers:read",
    input: () => undefined,
    ...bothWays(async (caller, { A, B }) => {
      const listed = await caller.offers.list();
      expect(idsOf(listed)).toEqual(await tenantOfferIds(A.tenantId));
      expect(idsOf(listed)).toContain(A.data.offer.id);
      expect(idsOf(listed)).not.toContain(B.data.offer.id);
      return listed;
    }),
  },
  "offers.get": {
    kind: "tenant",
    role: "member",
    scope: "offers:read",
    input: (t) => ({ id: t.data.offer.id }),
    ...bothWays(async (caller, { A, B }) => {
      expect((await caller.offers.get({ id: A.data.offer.id })).id).toBe(A.data.offer.id);
      return expectAppError(caller.offers.get({ id: B.data.offer.id }), { code: "NOT_FOUND", reason: "offerNotFound" });
    }),
  },
  "offers.create": {
    kind: "tenant",
    role: "admin",
    scope: "offers:write",
    input: () => ({ publisherId: "probe", offerId: `o-${uid()}`, title: "Probe", type: "SAAS" }),
    crossTenant: async ({ A, B }) => {
      // The same Partner Center offer as B's: allowed (ids are unique per tenant), stored in A, B's untouched.
      const created = await A.owner.caller.offers.create({ publisherId: B.data.offer.publisherId, offerId: B.data.offer.offerId, title: `A's copy ${uid()}`, type: "SAAS" });
      expect((await db().offer.findUniqueOrThrow({ where: { id: created.id } })).tenantId).toBe(A.tenantId);
      expect(created.id).not.toBe(B.data.offer.id);
      // B's member cannot be an offer's default owner in A.
      const refused = await expectAppError(
        A.owner.caller.offers.create({ publisherId: "probe", offerId: `o-${uid()}`, title: "Probe", type: "SAAS", defaultOwnerId: B.member.userId }),
        { code: "NOT_FOUND", reason: "memberNotFound" },
      );
      return [created, refused];
    },
    tokenCrossTenant: async ({ A, B }) => {
      const created = await tokenCaller(A.token.value).offers.create({ publisherId: "probe", offerId: `t-${uid()}`, title: "From A's token", type: "SAAS" });
      expect((await db().offer.findUniqueOrThrow({ where: { id: created.id } })).tenantId).toBe(A.tenantId);
      const refused = await expectAppError(
        tokenCaller(A.token.value).offers.create({ publisherId: "probe", offerId: `t-${uid()}`, title: "Probe", type: "SAAS", defaultOwnerId: B.owner.userId }),
        { code: "NOT_FOUND", reason: "memberNotFound" },
      );
      return [created, refused];
    },
  },
  "offers.update": {
    kind: "tenant",
    role: "admin",
    scope: "offers:write",
    input: (t) => ({ id: t.data.offer.id, title: "Probe" }),
    ...bothWays(async (caller, { A, B }) => {
      const errors = [
        await expectAppError(caller.offers.update({ id: B.data.offer.id, title: "Hijacked" }), { code: "NOT_FOUND", reason: "offerNotFound" }),
        await expectAppError(caller.offers.update({ id: B.data.offer.id, hasTestDrive: true, listedAsContactMe: true }), { code: "NOT_FOUND", reason: "offerNotFound" }),
        await expectAppError(caller.offers.update({ id: A.data.offer.id, defaultOwnerId: B.member.userId }), { code: "NOT_FOUND", reason: "memberNotFound" }),
      ];
      expect((await db().offer.findUniqueOrThrow({ where: { id: A.data.offer.id } })).defaultOwnerId).not.toBe(B.member.userId);
      return errors;
    }),
  },

  // ------------------------------------------------------------ captureEndpoints
  "captureEndpoints.list": {
    kind: "tenant",
    role: "member",
    scope: "offers:read",
    input: () => undefined,
    ...bothWays(async (caller, { A, B }) => {
      const listed = await caller.captureEndpoints.list();
      const own = await db().captureEndpoint.findMany({ where: { tenantId: A.tenantId, revokedAt: null }, select: { id: true } });
      expect(idsOf(listed)).toEqual(idsOf(own));
      expect(idsOf(listed)).toEqual(expect.arrayContaining([A.data.offerEndpoint.id, A.data.tenantEndpoint.id]));
      expect(idsOf(listed)).not.toContain(B.data.offerEndpoint.id);
      return listed;
    }),
  },
  "captureEndpoints.create": {
    kind: "tenant",
    role: "admin",
    scope: "offers:write",
    input: (t) => ({ offerId: t.data.offer.id }),
    ...bothWays(async (caller, { A, B }) => {
      const error = await expectAppError(caller.captureEndpoints.create({ offerId: B.data.offer.id }), { code: "NOT_FOUND", reason: "offerNotFound" });
      // The tenant-wide URL asked for again is A's own.
      const tenantWide = await caller.captureEndpoints.create({ offerId: null });
      expect(tenantWide).toMatchObject({ created: false, endpoint: { id: A.data.tenantEndpoint.id } });
      return [error, tenantWide];
    }),
  },
  "captureEndpoints.rotate": {
    kind: "tenant",
    role: "admin",
    scope: "offers:write",
    input: (t) => ({ id: t.data.offerEndpoint.id }),
    ...bothWays(async (caller, { B }) => [
      await expectAppError(caller.captureEndpoints.rotate({ id: B.data.offerEndpoint.id }), { code: "NOT_FOUND", reason: "captureEndpointNotFound" }),
      await expectAppError(caller.captureEndpoints.rotate({ id: B.data.tenantEndpoint.id }), { code: "NOT_FOUND", reason: "captureEndpointNotFound" }),
    ]),
  },

  // ------------------------------------------------------------ leads
  "leads.list": {
    kind: "tenant",
    role: "member",
    scope: "leads:read",
    input: () => ({}),
    ...bothWays(async (caller, { A, B }) => {
      const everything = await caller.leads.list({ showTest: true, limit: 100 });
      expect(everything.nextCursor).toBeNull();
      expect(idsOf(everything.items)).toEqual(await tenantLeadIds(A.tenantId));
      expect(idsOf(everything.items)).toContain(A.data.lead.id);
      const filtered = [
        await caller.leads.list({ q: B.data.lead.email, showTest: true }),
        await caller.leads.list({ offerId: B.data.offer.id, showTest: true }),
      ];
      expect(filtered.map((page) => page.items)).toEqual([[], []]);
      // Owner and stage ids are checked against the caller's tenant: B's are refused, never matched.
      const refused = [
        await expectAppError(caller.leads.list({ owner: B.member.userId, showTest: true }), { code: "NOT_FOUND", reason: "memberNotFound" }),
        await expectAppError(caller.leads.list({ stageId: B.data.stageIds[0]!, showTest: true }), { code: "NOT_FOUND", reason: "stageNotFound" }),
      ];
      const unassigned = await caller.leads.list({ owner: "unassigned", showTest: true, limit: 100 });
      expectSubset(idsOf(unassigned.items), await tenantLeadIds(A.tenantId), "unassigned leads");
      return [everything, filtered, refused, unassigned];
    }),
  },
  "leads.get": {
    kind: "tenant",
    role: "member",
    scope: "leads:read",
    input: (t) => ({ id: t.data.lead.id }),
    ...bothWays(async (caller, { A, B }) => {
      expect((await caller.leads.get({ id: A.data.lead.id })).id).toBe(A.data.lead.id);
      return [
        await expectAppError(caller.leads.get({ id: B.data.lead.id }), { code: "NOT_FOUND", reason: "leadNotFound" }),
        await expectAppError(caller.leads.get({ id: B.data.sharedLead.id }), { code: "NOT_FOUND", reason: "leadNotFound" }),
      ];
    }),
  },
  "leads.export": {
    kind: "tenant",
    role: "member",
    scope: "leads:read",
    input: (t) => ({ format: "json", offerId: t.data.offer.id }),
    ...bothWays(async (caller, { A, B }) => {
      const everything = await caller.leads.export({ format: "json", showTest: true });
      expect(everything.count).toBe(await db().lead.count({ where: { tenantId: A.tenantId } }));
      expect(everything.content).toContain(A.data.lead.email);
      const filtered = [
        await caller.leads.export({ format: "csv", offerId: B.data.offer.id, showTest: true }),
        await caller.leads.export({ format: "json", q: B.data.lead.email, showTest: true }),
      ];
      expect(filtered.map((e) => e.count)).toEqual([0, 0]);
      const refused = [
        await expectAppError(caller.leads.export({ format: "csv", owner: B.member.userId, showTest: true }), { code: "NOT_FOUND", reason: "memberNotFound" }),
        await expectAppError(caller.leads.export({ format: "csv", stageId: B.data.stageIds[0]!, showTest: true }), { code: "NOT_FOUND", reason: "stageNotFound" }),
      ];
      return [everything, filtered, refused];
    }),
  },
  "leads.diagnostics": {
    kind: "tenant",
    role: "member",
    scope: "leads:read",
    input: (t) => ({ offerId: t.data.offer.id }),
    ...bothWays(async (caller, { A, B }) => {
      const tenantWide = await caller.leads.diagnostics({ offerId: null });
      expect(tenantWide.capture.tenantEndpoint?.id).toBe(A.data.tenantEndpoint.id);
      const own = await caller.leads.diagnostics({ offerId: A.data.offer.id });
      expect(own.capture.offerEndpoint?.id).toBe(A.data.offerEndpoint.id);
      expect(own.recentRejections.map((r) => r.id)).toContain(A.data.rejection.id);
      const error = await expectAppError(caller.leads.diagnostics({ offerId: B.data.offer.id }), { code: "NOT_FOUND", reason: "offerNotFound" });
      return [tenantWide, own, error];
    }),
  },
  "leads.capture": {
    kind: "tenant",
    role: "member",
    scope: "leads:write",
    input: (t) => ({ lead: { customer: { email: `probe-${uid()}@example.test` } }, idempotencyKey: t.data.sharedCaptureKey }),
    ...bothWays(async (caller, { A, B }) => {
      // B's person, naming B's offer, with the very idempotency key B's capture of them used: a lead of A's, nothing of B's.
      const captured = await caller.leads.capture({
        lead: { customer: { email: B.data.sharedLead.email }, offer: { publisherId: B.data.offer.publisherId, offerId: B.data.offer.offerId } },
        idempotencyKey: B.data.sharedCaptureKey,
      });
      const stored = await db().lead.findUniqueOrThrow({ where: { id: captured.id } });
      expect(stored.tenantId).toBe(A.tenantId);
      expect(stored.offerId === null || (await tenantOfferIds(A.tenantId)).includes(stored.offerId)).toBe(true);
      // Named by B's offer title: not tied to B's offer. (The lead holds the title A typed, so it is removed again.)
      const byTitle = await caller.leads.capture({ lead: { customer: { email: `title-${uid()}@example.test` }, offerTitle: B.data.offer.title }, idempotencyKey: uid() });
      const titled = await db().lead.findUniqueOrThrow({ where: { id: byTitle.id } });
      expect({ tenantId: titled.tenantId, offerId: titled.offerId }).toEqual({ tenantId: A.tenantId, offerId: null });
      await db().lead.delete({ where: { id: byTitle.id } });
      return [captured, byTitle];
    }),
  },
  "leads.create": {
    kind: "tenant",
    role: "member",
    scope: "leads:write",
    input: (t) => ({ email: `probe-${uid()}@example.test`, offerId: t.data.offer.id }),
    ...bothWays(async (caller, { A, B }) => {
      const error = await expectAppError(caller.leads.create({ email: B.data.sharedLead.email, offerId: B.data.offer.id }), { code: "NOT_FOUND", reason: "offerNotFound" });
      const created = await caller.leads.create({ email: B.data.sharedLead.email, firstName: "Same person" });
      expect((await db().lead.findUniqueOrThrow({ where: { id: created.id } })).tenantId).toBe(A.tenantId);
      return [error, created];
    }),
  },
  "leads.importCsv": {
    kind: "tenant",
    role: "member",
    scope: "leads:write",
    input: (t) => ({ csv: `email\nprobe-${uid()}@example.test`, offerId: t.data.offer.id }),
    ...bothWays(async (caller, { A, B }) => {
      const error = await expectAppError(caller.leads.importCsv({ csv: `email\n${B.data.sharedLead.email}`, offerId: B.data.offer.id }), { code: "NOT_FOUND", reason: "offerNotFound" });
      const csv = `email,offer\n${B.data.sharedLead.email},${B.data.offer.publisherId}.${B.data.offer.offerId}`;
      const imported = await caller.leads.importCsv({ csv });
      expect(imported).toMatchObject({ validRows: 1, invalidRows: 0, failed: [] });
      expect(Object.values(imported.imported ?? {}).reduce((sum, n) => sum + n, 0)).toBe(1);
      expect(await db().lead.count({ where: { tenantId: A.tenantId, email: B.data.sharedLead.email } })).toBeGreaterThan(0);
      return [error, imported];
    }),
  },
  "deliveries.forLead": {
    kind: "tenant",
    role: "member",
    scope: "leads:read",
    input: (t) => ({ leadId: t.data.lead.id }),
    ...bothWays(async (caller, { A, B }) => {
      const own = await caller.deliveries.forLead({ leadId: A.data.lead.id });
      expect(idsOf(own)).toEqual([A.data.delivery.id]);
      return [own, await expectAppError(caller.deliveries.forLead({ leadId: B.data.lead.id }), { code: "NOT_FOUND", reason: "leadNotFound" })];
    }),
  },

  // ------------------------------------------------------------ destinations
  "destinations.list": {
    kind: "tenant",
    role: "member",
    scope: "destinations:read",
    input: (t) => ({ offerId: t.data.offer.id }),
    ...bothWays(async (caller, { A, B }) => {
      const all = await caller.destinations.list();
      const own = await db().destination.findMany({ where: { tenantId: A.tenantId }, select: { id: true } });
      expect(idsOf(all)).toEqual(idsOf(own));
      expect(idsOf(all)).toContain(A.data.destination.id);
      const ofBsOffer = await caller.destinations.list({ offerId: B.data.offer.id });
      expect(ofBsOffer).toEqual([]);
      return [all, ofBsOffer];
    }),
  },
  "destinations.get": {
    kind: "tenant",
    role: "member",
    scope: "destinations:read",
    input: (t) => ({ id: t.data.destination.id }),
    ...bothWays(async (caller, { A, B }) => {
      const own = await caller.destinations.get({ id: A.data.destination.id });
      expect(JSON.stringify(own)).not.toContain(A.data.destination.signingSecret);
      return [
        own,
        await expectAppError(caller.destinations.get({ id: B.data.destination.id }), { code: "NOT_FOUND", reason: "destinationNotFound" }),
        await expectAppError(caller.destinations.get({ id: B.data.pausedDestination.id }), { code: "NOT_FOUND", reason: "destinationNotFound" }),
      ];
    }),
  },
  "destinations.kinds": {
    kind: "tenant",
    role: "member",
    scope: "destinations:read",
    input: () => undefined,
    ...bothWays(async (caller) => {
      const kinds = await caller.destinations.kinds();
      expect(kinds.map((k) => k.kind)).toContain("WEBHOOK");
      return kinds;
    }),
  },
  "destinations.deliveries": {
    kind: "tenant",
    role: "member",
    scope: "destinations:read",
    input: (t) => ({ id: t.data.destination.id }),
    ...bothWays(async (caller, { A, B }) => {
      const own = await caller.destinations.deliveries({ id: A.data.destination.id, status: "FAILED" });
      expect(idsOf(own.items)).toEqual([A.data.delivery.id]);
      return [
        own,
        await expectAppError(caller.destinations.deliveries({ id: B.data.destination.id }), { code: "NOT_FOUND", reason: "destinationNotFound" }),
      ];
    }),
  },
  "destinations.create": {
    kind: "tenant",
    role: "admin",
    scope: "destinations:manage",
    input: (t) => ({ kind: "WEBHOOK", name: "Probe", offerId: t.data.offer.id, config: { url: "https://probe.example.com/hook" }, secrets: {} }),
    ...bothWays(async (caller, { B }) =>
      expectAppError(
        caller.destinations.create({ kind: "WEBHOOK", name: `Into B ${uid()}`, offerId: B.data.offer.id, config: { url: "https://probe.example.com/hook" }, secrets: {} }),
        { code: "NOT_FOUND", reason: "offerNotFound" },
      ),
    ),
  },
  "destinations.update": {
    kind: "tenant",
    role: "admin",
    scope: "destinations:manage",
    input: (t) => ({ id: t.data.destination.id, name: "Probe" }),
    ...bothWays(async (caller, { A, B }) => {
      const errors = [
        await expectAppError(caller.destinations.update({ id: B.data.destination.id, name: "Hijacked" }), { code: "NOT_FOUND", reason: "destinationNotFound" }),
        await expectAppError(caller.destinations.update({ id: B.data.destination.id, secrets: { signingSecret: `whsec_${"x".repeat(40)}` } }), {
          code: "NOT_FOUND",
          reason: "destinationNotFound",
        }),
        // A's own destination moved onto B's offer.
        await expectAppError(caller.destinations.update({ id: A.data.destination.id, offerId: B.data.offer.id }), { code: "NOT_FOUND", reason: "offerNotFound" }),
      ];
      expect((await db().destination.findUniqueOrThrow({ where: { id: A.data.destination.id } })).offerId).toBe(A.data.offer.id);
      return errors;
    }),
  },
  "destinations.delete": {
    kind: "tenant",
    role: "admin",
    scope: "destinations:manage",
    input: (t) => ({ id: t.data.destination.id }),
    ...bothWays(async (caller, { B }) => [
      await expectAppError(caller.destinations.delete({ id: B.data.destination.id }), { code: "NOT_FOUND", reason: "destinationNotFound" }),
      await expectAppError(caller.destinations.delete({ id: B.data.pausedDestination.id }), { code: "NOT_FOUND", reason: "destinationNotFound" }),
    ]),
  },
  "destinations.pause": {
    kind: "tenant",
    role: "admin",
    scope: "destinations:manage",
    input: (t) => ({ id: t.data.destination.id }),
    ...bothWays(async (caller, { B }) =>
      expectAppError(caller.destinations.pause({ id: B.data.destination.id }), { code: "NOT_FOUND", reason: "destinationNotFound" }),
    ),
  },
  "destinations.resume": {
    kind: "tenant",
    role: "admin",
    scope: "destinations:manage",
    input: (t) => ({ id: t.data.pausedDestination.id }),
    ...bothWays(async (caller, { B }) =>
      expectAppError(caller.destinations.resume({ id: B.data.pausedDestination.id }), { code: "NOT_FOUND", reason: "destinationNotFound" }),
    ),
  },
  "destinations.disable": {
    kind: "tenant",
    role: "admin",
    scope: "destinations:manage",
    input: (t) => ({ id: t.data.destination.id }),
    ...bothWays(async (caller, { B }) =>
      expectAppError(caller.destinations.disable({ id: B.data.destination.id }), { code: "NOT_FOUND", reason: "destinationNotFound" }),
    ),
  },
  "destinations.enable": {
    kind: "tenant",
    role: "admin",
    scope: "destinations:manage",
    input: (t) => ({ id: t.data.pausedDestination.id }),
    ...bothWays(async (caller, { B }) =>
      expectAppError(caller.destinations.enable({ id: B.data.pausedDestination.id }), { code: "NOT_FOUND", reason: "destinationNotFound" }),
    ),
  },
  "destinations.sendTestLead": {
    kind: "tenant",
    role: "admin",
    scope: "destinations:manage",
    input: (t) => ({ id: t.data.destination.id }),
    ...bothWays(async (caller, { B }) =>
      expectAppError(caller.destinations.sendTestLead({ id: B.data.destination.id }), { code: "NOT_FOUND", reason: "destinationNotFound" }),
    ),
  },
  "destinations.replayDelivery": {
    kind: "tenant",
    role: "admin",
    scope: "destinations:manage",
    input: (t) => ({ deliveryId: t.data.delivery.id }),
    ...bothWays(async (caller, { B }) =>
      expectAppError(caller.destinations.replayDelivery({ deliveryId: B.data.delivery.id }), { code: "NOT_FOUND", reason: "deliveryNotFound" }),
    ),
  },
  "destinations.replayFailed": {
    kind: "tenant",
    role: "admin",
    scope: "destinations:manage",
    input: (t) => ({ id: t.data.destination.id }),
    ...bothWays(async (caller, { B }) => [
      await expectAppError(caller.destinations.replayFailed({ id: B.data.destination.id }), { code: "NOT_FOUND", reason: "destinationNotFound" }),
      await expectAppError(caller.destinations.replayFailed({ id: B.data.pausedDestination.id }), { code: "NOT_FOUND", reason: "destinationNotFound" }),
    ]),
  },

  // ------------------------------------------------------------ pipeline
  "pipeline.stages": {
    kind: "tenant",
    role: "member",
    scope: "followups:read",
    input: () => undefined,
    ...bothWays(async (caller, { A, B }) => {
      const stages = await caller.pipeline.stages();
      expect(idsOf(stages)).toEqual(idsOf(await db().pipelineStage.findMany({ where: { tenantId: A.tenantId }, select: { id: true } })));
      expect(stages.find((s) => s.id === A.data.stage.id)?.leadCount).toBe(1);
      expect(idsOf(stages)).not.toContain(B.data.stage.id);
      return stages;
    }),
  },
  "pipeline.createStage": {
    kind: "tenant",
    role: "admin",
    input: () => ({ name: `Probe ${uid()}` }),
    crossTenant: async ({ A, B }) => {
      // Named like B's stage: a stage of A's.
      const created = await A.owner.caller.pipeline.createStage({ name: B.data.stage.name.replace("Stage", "Step") });
      expect((await db().pipelineStage.findUniqueOrThrow({ where: { id: created.id } })).tenantId).toBe(A.tenantId);
      return created;
    },
  },
  "pipeline.updateStage": {
    kind: "tenant",
    role: "admin",
    input: (t) => ({ stageId: t.data.stage.id, name: "Probe" }),
    crossTenant: async ({ A, B }) => [
      await expectAppError(A.owner.caller.pipeline.updateStage({ stageId: B.data.stage.id, name: "Hijacked", kind: "LOST" }), { code: "NOT_FOUND", reason: "stageNotFound" }),
      await expectAppError(A.owner.caller.pipeline.updateStage({ stageId: B.data.stageIds[0]!, isNurture: true }), { code: "NOT_FOUND", reason: "stageNotFound" }),
    ],
  },
  "pipeline.reorderStages": {
    kind: "tenant",
    role: "admin",
    input: (t) => ({ stageIds: [...t.data.stageIds].reverse() }),
    crossTenant: async ({ A, B }) => {
      const own = (await db().pipelineStage.findMany({ where: { tenantId: A.tenantId }, orderBy: { position: "asc" }, select: { id: true } })).map((s) => s.id);
      return [
        await expectAppError(A.owner.caller.pipeline.reorderStages({ stageIds: [...B.data.stageIds].reverse() }), { code: "BAD_REQUEST", reason: "stageOrderMismatch" }),
        await expectAppError(A.owner.caller.pipeline.reorderStages({ stageIds: [...own.slice(1), B.data.stage.id] }), { code: "BAD_REQUEST", reason: "stageOrderMismatch" }),
      ];
    },
  },
  "pipeline.deleteStage": {
    kind: "tenant",
    role: "admin",
    input: (t) => ({ stageId: t.data.stage.id, moveLeadsToStageId: t.data.stageIds.find((id) => id !== t.data.stage.id)! }),
    crossTenant: async ({ A, B }) => {
      const errors = [
        await expectAppError(A.owner.caller.pipeline.deleteStage({ stageId: B.data.stage.id, moveLeadsToStageId: A.data.stage.id }), { code: "NOT_FOUND", reason: "stageNotFound" }),
        // A's own stage, its leads aimed at B's stage.
        await expectAppError(A.owner.caller.pipeline.deleteStage({ stageId: A.data.stage.id, moveLeadsToStageId: B.data.stage.id }), { code: "NOT_FOUND", reason: "stageNotFound" }),
      ];
      expect((await db().lead.findUniqueOrThrow({ where: { id: A.data.lead.id } })).stageId).toBe(A.data.stage.id);
      return errors;
    },
  },
  "pipeline.criteria": {
    kind: "tenant",
    role: "member",
    scope: "followups:read",
    input: () => ({ includeArchived: true }),
    ...bothWays(async (caller, { A, B }) => {
      const criteria = await caller.pipeline.criteria({ includeArchived: true });
      expect(idsOf(criteria)).toEqual(idsOf(await db().qualificationCriterion.findMany({ where: { tenantId: A.tenantId }, select: { id: true } })));
      expect(idsOf(criteria)).not.toContain(B.data.criterion.id);
      return criteria;
    }),
  },
  "pipeline.createCriterion": {
    kind: "tenant",
    role: "admin",
    input: () => ({ label: `Probe ${uid()}` }),
    crossTenant: async ({ A, B }) => {
      const created = await A.owner.caller.pipeline.createCriterion({ label: B.data.criterion.label.replace("Criterion", "Check") });
      expect((await db().qualificationCriterion.findUniqueOrThrow({ where: { id: created.id } })).tenantId).toBe(A.tenantId);
      return created;
    },
  },
  "pipeline.updateCriterion": {
    kind: "tenant",
    role: "admin",
    input: (t) => ({ criterionId: t.data.criterion.id, label: "Probe" }),
    crossTenant: async ({ A, B }) =>
      expectAppError(A.owner.caller.pipeline.updateCriterion({ criterionId: B.data.criterion.id, label: "Hijacked", description: "Hijacked" }), {
        code: "NOT_FOUND",
        reason: "criterionNotFound",
      }),
  },
  "pipeline.archiveCriterion": {
    kind: "tenant",
    role: "admin",
    input: (t) => ({ criterionId: t.data.criterion.id }),
    crossTenant: async ({ A, B }) => [
      await expectAppError(A.owner.caller.pipeline.archiveCriterion({ criterionId: B.data.criterion.id }), { code: "NOT_FOUND", reason: "criterionNotFound" }),
      await expectAppError(A.owner.caller.pipeline.archiveCriterion({ criterionId: B.data.criterionIds[0]!, archived: true }), { code: "NOT_FOUND", reason: "criterionNotFound" }),
    ],
  },
  "pipeline.reorderCriteria": {
    kind: "tenant",
    role: "admin",
    input: (t) => ({ criterionIds: [...t.data.criterionIds].reverse() }),
    crossTenant: async ({ A, B }) =>
      expectAppError(A.owner.caller.pipeline.reorderCriteria({ criterionIds: [...B.data.criterionIds].reverse() }), { code: "BAD_REQUEST", reason: "criterionOrderMismatch" }),
  },
  "pipeline.assignment": {
    kind: "tenant",
    role: "member",
    scope: "followups:read",
    input: () => undefined,
    ...bothWays(async (caller, { A }) => {
      const assignment = await caller.pipeline.assignment();
      expect(assignment).toMatchObject({ mode: "ROUND_ROBIN", roundRobinUserIds: [A.member.userId, A.admin.userId] });
      return assignment;
    }),
  },
  "pipeline.updateAssignment": {
    kind: "tenant",
    role: "admin",
    input: (t) => ({ mode: "ROUND_ROBIN", roundRobinUserIds: [t.owner.userId] }),
    crossTenant: async ({ A, B }) => {
      const before = await db().assignmentSettings.findUniqueOrThrow({ where: { tenantId: A.tenantId } });
      const errors = [
        await expectAppError(A.owner.caller.pipeline.updateAssignment({ mode: "ROUND_ROBIN", roundRobinUserIds: [B.owner.userId] }), { code: "NOT_FOUND", reason: "memberNotFound" }),
        await expectAppError(A.owner.caller.pipeline.updateAssignment({ mode: "BY_OFFER", roundRobinUserIds: [A.member.userId, B.member.userId] }), {
          code: "NOT_FOUND",
          reason: "memberNotFound",
        }),
      ];
      expect(await db().assignmentSettings.findUniqueOrThrow({ where: { tenantId: A.tenantId } })).toEqual(before);
      return errors;
    },
  },
  "pipeline.board": {
    kind: "tenant",
    role: "member",
    scope: "followups:read",
    input: (t) => ({ offerId: t.data.offer.id }),
    ...bothWays(async (caller, { A, B }) => {
      const board = await caller.pipeline.board({ perStage: 100 });
      const onBoard = board.columns.flatMap((c) => c.leads.map((l) => l.id));
      expect(onBoard).toContain(A.data.lead.id);
      expectSubset(onBoard, await tenantLeadIds(A.tenantId), "leads on the board");
      const filtered = [await caller.pipeline.board({ offerId: B.data.offer.id }), await caller.pipeline.board({ owner: B.member.userId }), await caller.pipeline.board({ q: B.data.lead.email })];
      expect(filtered.flatMap((b) => b.columns.map((c) => c.total))).toEqual(filtered.flatMap((b) => b.columns.map(() => 0)));
      return [board, filtered];
    }),
  },
  "pipeline.moveLead": {
    kind: "tenant",
    role: "member",
    scope: "leads:write",
    input: (t) => ({ leadId: t.data.lead.id, stageId: t.data.stageIds[0]! }),
    ...bothWays(async (caller, { A, B }) => [
      await expectAppError(caller.pipeline.moveLead({ leadId: B.data.lead.id, stageId: A.data.stageIds[0]! }), { code: "NOT_FOUND", reason: "leadNotFound" }),
      await expectAppError(caller.pipeline.moveLead({ leadId: B.data.lead.id, stageId: B.data.stageIds[0]! }), { code: "NOT_FOUND", reason: "leadNotFound" }),
      await expectAppError(caller.pipeline.moveLead({ leadId: A.data.lead.id, stageId: B.data.stage.id }), { code: "NOT_FOUND", reason: "stageNotFound" }),
    ]),
  },
  "pipeline.assignOwner": {
    kind: "tenant",
    role: "member",
    scope: "leads:write",
    input: (t) => ({ leadId: t.data.lead.id, ownerId: null }),
    ...bothWays(async (caller, { A, B }) => [
      await expectAppError(caller.pipeline.assignOwner({ leadId: B.data.lead.id, ownerId: null }), { code: "NOT_FOUND", reason: "leadNotFound" }),
      await expectAppError(caller.pipeline.assignOwner({ leadId: B.data.lead.id, ownerId: A.owner.userId }), { code: "NOT_FOUND", reason: "leadNotFound" }),
      // A's lead handed to a member of B only.
      await expectAppError(caller.pipeline.assignOwner({ leadId: A.data.lead.id, ownerId: B.owner.userId }), { code: "NOT_FOUND", reason: "memberNotFound" }),
    ]),
  },

  // ------------------------------------------------------------ followUps
  "followUps.lead": {
    kind: "tenant",
    role: "member",
    scope: "followups:read",
    input: (t) => ({ leadId: t.data.lead.id }),
    ...bothWays(async (caller, { A, B }) => {
      const own = await caller.followUps.lead({ leadId: A.data.lead.id });
      expect(own.activities.map((a) => a.id)).toEqual([A.data.activity.id]);
      expect(own.qualification.criteria.filter((c) => c.checked).map((c) => c.id)).toEqual([A.data.criterion.id]);
      return [own, await expectAppError(caller.followUps.lead({ leadId: B.data.lead.id }), { code: "NOT_FOUND", reason: "leadNotFound" })];
    }),
  },
  "followUps.timeline": {
    kind: "tenant",
    role: "member",
    scope: "followups:read",
    input: (t) => ({ leadId: t.data.lead.id }),
    ...bothWays(async (caller, { A, B }) => {
      const own = await caller.followUps.timeline({ leadId: A.data.lead.id, limit: 100 });
      expectSubset(own.items.map((e) => e.id), A.data.timelineEventIds, "timeline events");
      expect(own.items.length).toBeGreaterThan(0);
      return [
        own,
        await expectAppError(caller.followUps.timeline({ leadId: B.data.lead.id }), { code: "NOT_FOUND", reason: "leadNotFound" }),
        // A's lead, paged from one of B's events.
        await expectAppError(caller.followUps.timeline({ leadId: A.data.lead.id, cursor: B.data.timelineEventIds[0]! }), { code: "BAD_REQUEST", reason: "invalidCursor" }),
      ];
    }),
  },
  "followUps.due": {
    kind: "tenant",
    role: "member",
    scope: "followups:read",
    input: () => ({ owner: "any" }),
    ...bothWays(async (caller, { A, B }) => {
      const team = await caller.followUps.due({ owner: "any", limit: 200 });
      const listed = [...team.overdue, ...team.today, ...team.nurtureDue].map((l) => l.id);
      expect(team.overdue.map((l) => l.id)).toContain(A.data.lead.id);
      expectSubset(listed, await tenantLeadIds(A.tenantId), "due leads");
      const theirs = await caller.followUps.due({ owner: B.member.userId });
      expect([theirs.overdue, theirs.today, theirs.nurtureDue]).toEqual([[], [], []]);
      return [team, theirs];
    }),
  },
  "followUps.list": {
    kind: "tenant",
    role: "member",
    scope: "followups:read",
    input: (t) => ({ stageId: t.data.stage.id }),
    ...bothWays(async (caller, { A, B }) => {
      const all = await caller.followUps.list({ limit: 100 });
      expect(all.items.map((l) => l.id)).toContain(A.data.lead.id);
      expectSubset(all.items.map((l) => l.id), await tenantLeadIds(A.tenantId), "listed leads");
      const filtered = [
        await caller.followUps.list({ offerId: B.data.offer.id }),
        await caller.followUps.list({ owner: B.member.userId }),
        await caller.followUps.list({ q: B.data.lead.email }),
      ];
      expect(filtered.map((page) => page.items)).toEqual([[], [], []]);
      return [
        all,
        filtered,
        await expectAppError(caller.followUps.list({ stageId: B.data.stage.id }), { code: "NOT_FOUND", reason: "stageNotFound" }),
        await expectAppError(caller.followUps.list({ cursor: followUpCursor(B.data.lead.id) }), { code: "BAD_REQUEST", reason: "invalidCursor" }),
      ];
    }),
  },
  "followUps.logActivity": {
    kind: "tenant",
    role: "member",
    scope: "followups:write",
    input: (t) => ({ leadId: t.data.lead.id, type: "NOTE", notes: "Probe" }),
    ...bothWays(async (caller, { B }) => [
      await expectAppError(caller.followUps.logActivity({ leadId: B.data.lead.id, type: "CALL", notes: "Hijacked", nextFollowUpAt: new Date(Date.now() + 86_400_000) }), {
        code: "NOT_FOUND",
        reason: "leadNotFound",
      }),
      await expectAppError(caller.followUps.logActivity({ leadId: B.data.sharedLead.id, type: "NOTE", notes: "Hijacked" }), { code: "NOT_FOUND", reason: "leadNotFound" }),
    ]),
  },
  "followUps.schedule": {
    kind: "tenant",
    role: "member",
    scope: "followups:write",
    input: (t) => ({ leadId: t.data.lead.id, nextFollowUpAt: null }),
    ...bothWays(async (caller, { B }) => [
      await expectAppError(caller.followUps.schedule({ leadId: B.data.lead.id, nextFollowUpAt: null }), { code: "NOT_FOUND", reason: "leadNotFound" }),
      await expectAppError(caller.followUps.schedule({ leadId: B.data.lead.id, nextFollowUpAt: new Date(Date.now() + 86_400_000) }), { code: "NOT_FOUND", reason: "leadNotFound" }),
    ]),
  },
  "followUps.startNurture": {
    kind: "tenant",
    role: "member",
    scope: "followups:write",
    input: (t) => ({ leadId: t.data.lead.id, cadenceDays: 30 }),
    ...bothWays(async (caller, { B }) =>
      expectAppError(caller.followUps.startNurture({ leadId: B.data.lead.id, cadenceDays: 30 }), { code: "NOT_FOUND", reason: "leadNotFound" }),
    ),
  },
  "followUps.setQualification": {
    kind: "tenant",
    role: "member",
    scope: "followups:write",
    input: (t) => ({ leadId: t.data.lead.id, criterionId: t.data.criterion.id, checked: false }),
    ...bothWays(async (caller, { A, B }) => [
      await expectAppError(caller.followUps.setQualification({ leadId: B.data.lead.id, criterionId: B.data.criterion.id, checked: false }), { code: "NOT_FOUND", reason: "leadNotFound" }),
      await expectAppError(caller.followUps.setQualification({ leadId: B.data.lead.id, criterionId: A.data.criterion.id, checked: true }), { code: "NOT_FOUND", reason: "leadNotFound" }),
      // A's lead checked against B's criterion.
      await expectAppError(caller.followUps.setQualification({ leadId: A.data.lead.id, criterionId: B.data.criterion.id, checked: true }), { code: "NOT_FOUND", reason: "criterionNotFound" }),
    ]),
  },

  // ------------------------------------------------------------ insights
  "insights.dashboard": {
    kind: "tenant",
    role: "member",
    scope: "leads:read",
    input: (t) => ({ from: dateKey(-7), to: dateKey(1), offerId: t.data.offer.id }),
    ...bothWays(async (caller, { A, B }) => {
      const range = { from: dateKey(-7), to: dateKey(1) };
      const dashboard = await caller.insights.dashboard(range);
      const inRange = { gte: new Date(`${range.from}T00:00:00Z`), lt: new Date(new Date(`${range.to}T00:00:00Z`).getTime() + 86_400_000) };
      expect(dashboard.totals.leads).toBe(await db().lead.count({ where: { tenantId: A.tenantId, isTest: false, firstReceivedAt: inRange } }));
      expect(dashboard.totals.leads).toBeGreaterThan(0);
      const members = (await db().membership.findMany({ where: { tenantId: A.tenantId }, select: { userId: true } })).map((m) => m.userId);
      expectSubset(dashboard.owners.flatMap((o) => (o.ownerId ? [o.ownerId] : [])), members, "owners");
      const destinations = (await db().destination.findMany({ where: { tenantId: A.tenantId }, select: { id: true } })).map((d) => d.id);
      expectSubset(dashboard.destinations.map((d) => d.destinationId), destinations, "destinations");
      expect(dashboard.destinations.map((d) => d.destinationId)).toContain(A.data.destination.id);
      return [dashboard, await expectAppError(caller.insights.dashboard({ ...range, offerId: B.data.offer.id }), { code: "NOT_FOUND", reason: "offerNotFound" })];
    }),
  },
  "insights.offers": {
    kind: "tenant",
    role: "member",
    scope: "leads:read",
    input: () => undefined,
    ...bothWays(async (caller, { A }) => {
      const offers = await caller.insights.offers();
      expect(idsOf(offers)).toEqual(await tenantOfferIds(A.tenantId));
      return offers;
    }),
  },

  // ------------------------------------------------------------ notifications
  "notifications.list": {
    kind: "tenant",
    role: "member",
    input: () => ({ limit: 100 }),
    crossTenant: async ({ A, B, dual }) => {
      const listed = await A.owner.caller.notifications.list({ limit: 100 });
      const own = await db().notification.findMany({ where: { tenantId: A.tenantId, OR: [{ userId: A.owner.userId }, { userId: null }] }, select: { id: true } });
      expect(idsOf(listed)).toEqual(idsOf(own));
      expect(idsOf(listed)).toEqual(expect.arrayContaining([A.data.notifications[0]!.id, A.data.notifications[1]!.id]));
      // Someone in A and B sees only A's notices while A is active (B has one addressed to them).
      const dualListed = await dual.role.caller.notifications.list({ limit: 100 });
      const ofA = await db().notification.findMany({ where: { tenantId: A.tenantId }, select: { id: true } });
      expectSubset(dualListed.map((n) => n.id), ofA.map((n) => n.id), "notices");
      expect(dualListed.map((n) => n.id)).not.toContain(B.data.notifications.at(-1)!.id);
      return [listed, dualListed];
    },
  },
  "notifications.unreadCount": {
    kind: "tenant",
    role: "member",
    input: () => undefined,
    crossTenant: async ({ A, dual }) => {
      const count = await A.owner.caller.notifications.unreadCount();
      expect(count.unread).toBe(await db().notification.count({ where: { tenantId: A.tenantId, readAt: null, OR: [{ userId: A.owner.userId }, { userId: null }] } }));
      expect(count.unread).toBeGreaterThan(0);
      // B's unread notice for the dual member does not count in A.
      const role = (await db().membership.findUniqueOrThrow({ where: { tenantId_userId: { tenantId: A.tenantId, userId: dual.role.userId } } })).role;
      const visible = role === "MEMBER" ? [{ userId: dual.role.userId }] : [{ userId: dual.role.userId }, { userId: null }];
      const dualCount = await dual.role.caller.notifications.unreadCount();
      expect(dualCount.unread).toBe(await db().notification.count({ where: { tenantId: A.tenantId, readAt: null, OR: visible } }));
      return [count, dualCount];
    },
  },
  "notifications.markRead": {
    kind: "tenant",
    role: "member",
    input: (t) => ({ ids: t.data.notifications.map((n) => n.id) }),
    crossTenant: async ({ A, B, dual }) => {
      const results = [
        await A.owner.caller.notifications.markRead({ ids: B.data.notifications.map((n) => n.id) }),
        // The dual member's own notice in B, from A.
        await dual.role.caller.notifications.markRead({ ids: [B.data.notifications.at(-1)!.id] }),
      ];
      expect(results).toEqual([{ updated: 0 }, { updated: 0 }]);
      // The same call does mark A's own notice (so the zeros above are about the tenant).
      expect(await A.owner.caller.notifications.markRead({ ids: [A.data.notifications[0]!.id, ...B.data.notifications.map((n) => n.id)] })).toEqual({ updated: 1 });
      return results;
    },
  },
  "notifications.markAllRead": {
    kind: "tenant",
    role: "member",
    input: () => undefined,
    crossTenant: async ({ A, dual }) => {
      const unread = await db().notification.count({ where: { tenantId: A.tenantId, readAt: null, OR: [{ userId: A.owner.userId }, { userId: null }] } });
      const results = [await A.owner.caller.notifications.markAllRead(), await dual.role.caller.notifications.markAllRead()];
      expect(results[0]).toEqual({ updated: unread });
      return results;
    },
  },

  // ------------------------------------------------------------ Azure Table imports
  "tableImports.list": {
    kind: "tenant",
    role: "member",
    scope: "leads:read",
    input: () => undefined,
    ...bothWays(async (caller, { A }) => {
      const listed = await caller.tableImports.list();
      expect(idsOf(listed)).toEqual(idsOf(await db().azureTableImport.findMany({ where: { tenantId: A.tenantId }, select: { id: true } })));
      expect(idsOf(listed)).toContain(A.data.tableImport.id);
      expect(JSON.stringify(listed)).not.toContain(A.data.tableImport.accountKey);
      return listed;
    }),
  },
  "tableImports.create": {
    kind: "tenant",
    role: "admin",
    scope: "leads:write",
    input: (t) => ({ name: "Probe", connectionString: probeConnectionString(), tableName: "MarketplaceLeads", offerId: t.data.offer.id }),
    ...bothWays(async (caller, { B }) => {
      const name = `Into B ${uid()}`;
      const error = await expectAppError(
        caller.tableImports.create({ name, connectionString: probeConnectionString(), tableName: "MarketplaceLeads", offerId: B.data.offer.id }),
        { code: "NOT_FOUND", reason: "offerNotFound" },
      );
      expect(await db().azureTableImport.count({ where: { name } })).toBe(0);
      return error;
    }),
  },
  "tableImports.update": {
    kind: "tenant",
    role: "admin",
    scope: "leads:write",
    input: (t) => ({ id: t.data.tableImport.id, name: "Probe" }),
    ...bothWays(async (caller, { A, B }) => {
      const errors = [
        await expectAppError(caller.tableImports.update({ id: B.data.tableImport.id, name: "Hijacked", enabled: false }), { code: "NOT_FOUND", reason: "tableImportNotFound" }),
        await expectAppError(caller.tableImports.update({ id: B.data.tableImport.id, connectionString: probeConnectionString() }), {
          code: "NOT_FOUND",
          reason: "tableImportNotFound",
        }),
        // A's own import filed under B's offer.
        await expectAppError(caller.tableImports.update({ id: A.data.tableImport.id, offerId: B.data.offer.id }), { code: "NOT_FOUND", reason: "offerNotFound" }),
      ];
      expect((await db().azureTableImport.findUniqueOrThrow({ where: { id: A.data.tableImport.id } })).offerId).toBe(A.data.offer.id);
      return errors;
    }),
  },
  "tableImports.delete": {
    kind: "tenant",
    role: "admin",
    scope: "leads:write",
    input: (t) => ({ id: t.data.tableImport.id }),
    ...bothWays(async (caller, { B }) =>
      expectAppError(caller.tableImports.delete({ id: B.data.tableImport.id }), { code: "NOT_FOUND", reason: "tableImportNotFound" }),
    ),
  },
  "tableImports.syncNow": {
    kind: "tenant",
    role: "admin",
    scope: "leads:write",
    input: (t) => ({ id: t.data.tableImport.id }),
    ...bothWays(async (caller, { B }) =>
      expectAppError(caller.tableImports.syncNow({ id: B.data.tableImport.id }), { code: "NOT_FOUND", reason: "tableImportNotFound" }),
    ),
  },
  "tableImports.test": {
    kind: "tenant",
    role: "admin",
    scope: "leads:write",
    input: (t) => ({ id: t.data.tableImport.id }),
    ...bothWays(async (caller, { B }) =>
      expectAppError(caller.tableImports.test({ id: B.data.tableImport.id }), { code: "NOT_FOUND", reason: "tableImportNotFound" }),
    ),
  },

  // ------------------------------------------------------------ feedback
  "feedback.submit": {
    kind: "tenant",
    role: "member",
    scope: "feedback:write",
    input: (t) => ({ category: "OTHER", message: `Probe feedback ${uid()}`, satisfaction: 3, offerId: t.data.offer.id, leadIds: [t.data.lead.id] }),
    ...bothWays(async (caller, { A, B }) => {
      const base = { category: "WRONG_DATA" as const, message: `From A ${uid()}: the data is wrong`, satisfaction: 1 };
      const errors = [
        await expectAppError(caller.feedback.submit({ ...base, offerId: B.data.offer.id }), { code: "NOT_FOUND", reason: "feedbackOfferNotFound" }),
        await expectAppError(caller.feedback.submit({ ...base, leadIds: [A.data.lead.id, B.data.lead.id] }), { code: "NOT_FOUND", reason: "feedbackLeadNotFound" }),
      ];
      expect(await db().feedback.count({ where: { message: base.message } })).toBe(0);
      // A's own offer and lead are accepted (so the refusals above are about the tenant).
      const created = await caller.feedback.submit({ ...base, offerId: A.data.offer.id, leadIds: [A.data.lead.id] });
      expect((await db().feedback.findUniqueOrThrow({ where: { id: created.id } })).tenantId).toBe(A.tenantId);
      return [errors, created];
    }),
  },
  "feedback.list": {
    kind: "tenant",
    role: "member",
    scope: "feedback:read",
    input: () => undefined,
    ...bothWays(async (caller, { A }) => {
      const listed = await caller.feedback.list();
      expect(idsOf(listed)).toEqual(idsOf(await db().feedback.findMany({ where: { tenantId: A.tenantId }, select: { id: true } })));
      expect(idsOf(listed)).toContain(A.data.feedback.id);
      return listed;
    }),
  },
  "feedback.get": {
    kind: "tenant",
    role: "member",
    scope: "feedback:read",
    input: (t) => ({ feedbackId: t.data.feedback.id }),
    ...bothWays(async (caller, { A, B }) => {
      const own = await caller.feedback.get({ feedbackId: A.data.feedback.id });
      expect(own.replies.map((r) => r.message)).toEqual([A.data.feedback.staffReply, A.data.feedback.ownerReply]);
      return [own, await expectAppError(caller.feedback.get({ feedbackId: B.data.feedback.id }), { code: "NOT_FOUND", reason: "feedbackNotFound" })];
    }),
  },
  "feedback.reply": {
    kind: "tenant",
    role: "member",
    scope: "feedback:write",
    input: (t) => ({ feedbackId: t.data.feedback.id, message: "Probe" }),
    ...bothWays(async (caller, { B }) =>
      expectAppError(caller.feedback.reply({ feedbackId: B.data.feedback.id, message: "Hijacked thread" }), { code: "NOT_FOUND", reason: "feedbackNotFound" }),
    ),
  },
  "feedback.formOptions": {
    kind: "tenant",
    role: "member",
    input: () => undefined,
    crossTenant: async ({ A }) => {
      const options = await A.member.caller.feedback.formOptions();
      expect(idsOf(options.offers)).toEqual(await tenantOfferIds(A.tenantId));
      return options;
    },
  },

  // ------------------------------------------------------------ admin
  "admin.listTenants": { kind: "platformAdmin", input: () => ({}) },
  "admin.setTenantStatus": { kind: "platformAdmin", input: (t) => ({ tenantId: t.tenantId, status: "SUSPENDED" }) },
  "admin.tenantDetail": { kind: "platformAdmin", input: (t) => ({ tenantId: t.tenantId }) },
  "admin.updatePlanLimits": { kind: "platformAdmin", input: (t) => ({ tenantId: t.tenantId, captureRateLimitPerMinute: 1, apiRateLimitPerMinute: 1 }) },
  "admin.feedback.list": { kind: "platformAdmin", input: (t) => ({ tenantId: t.tenantId }) },
  "admin.feedback.get": { kind: "platformAdmin", input: (t) => ({ feedbackId: t.data.feedback.id }) },
  "admin.feedback.setStatus": { kind: "platformAdmin", input: (t) => ({ feedbackId: t.data.feedback.id, status: "CLOSED" }) },
  "admin.feedback.reply": { kind: "platformAdmin", input: (t) => ({ feedbackId: t.data.feedback.id, message: "Probe answer from staff" }) },
  "admin.deliveryHealth": { kind: "platformAdmin", input: () => undefined },
  "admin.auditLog": { kind: "platformAdmin", input: (t) => ({ tenantId: t.tenantId }) },
  "admin.auditActions": { kind: "platformAdmin", input: () => undefined },
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
