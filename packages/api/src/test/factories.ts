/**
 * Test factories for the API's integration tests. Everything goes through the
 * real procedures and the real database (DATABASE_URL, set by the integration
 * project's globalSetup). Test files run in parallel against one database, so
 * every helper creates its own, uniquely named users and tenants.
 */
import { randomBytes } from "node:crypto";
import { getDb, UserRepository, type TenantRole } from "@leadrelay/db";
import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { AppError } from "../errors";
import { createCaller, createTRPCContext } from "../index";

export type Caller = ReturnType<typeof createCaller>;

export const db = () => getDb();

export const BASE_URL = "https://app.leadrelay.test";
/** Meets the password policy and contains no e-mail local part we generate. */
export const DEFAULT_PASSWORD = "correct-horse-battery-staple";

export const uid = () => randomBytes(5).toString("hex");
export const uniqueEmail = (label = "user") => `${label}-${uid()}@example.test`;

/**
 * sign-up is rate limited per client IP (20 an hour); tests call it far more
 * often than that, so each call comes from its own made-up address.
 */
export const randomIp = () => `10.${randomBytes(3).join(".")}`;

export function callerFor(userId: string | null, opts: { headers?: Headers; baseUrl?: string } = {}): Caller {
  return createCaller(
    createTRPCContext({
      session: userId ? { userId } : null,
      headers: opts.headers ?? new Headers({ "x-forwarded-for": randomIp() }),
      baseUrl: opts.baseUrl ?? BASE_URL,
    }),
  );
}

export const anonymous = (opts: { headers?: Headers; baseUrl?: string } = {}) => callerFor(null, opts);

export interface TestUser {
  userId: string;
  email: string;
  password: string | null;
  caller: Caller;
}

export interface SignedUpUser extends TestUser {
  password: string;
  /** The tenant created (and owned) at sign-up. */
  tenant: { id: string; slug: string; name: string };
}

/** Signs up through the real `account.signUp` procedure: a user and the tenant they own. */
export async function signUp(
  opts: { label?: string; email?: string; password?: string; name?: string; companyName?: string; locale?: "en" | "ru" } = {},
): Promise<SignedUpUser> {
  const label = opts.label ?? "owner";
  const email = opts.email ?? uniqueEmail(label);
  const password = opts.password ?? DEFAULT_PASSWORD;
  const result = await anonymous().account.signUp({
    name: opts.name ?? `Test ${label}`,
    email,
    password,
    companyName: opts.companyName ?? `Publisher ${label} ${uid()}`,
    locale: opts.locale,
  });
  return { userId: result.userId, email: email.trim().toLowerCase(), password, tenant: result.tenant, caller: callerFor(result.userId) };
}

/**
 * A user with no tenant at all, as a first Microsoft Entra ID sign-in creates
 * one (packages/auth/src/config.ts): the usual shape of an invited person.
 */
export async function createUserWithoutTenant(opts: { label?: string; email?: string } = {}): Promise<TestUser> {
  const email = opts.email ?? uniqueEmail(opts.label ?? "invitee");
  const user = await new UserRepository(db()).create({ email, name: `Test ${opts.label ?? "invitee"}` });
  return { userId: user.id, email: user.email, password: null, caller: callerFor(user.id) };
}

export interface Invite {
  token: string;
  inviteUrl: string;
  invitationId: string;
}

/** Invites `email` to the inviter's active tenant; the token is taken from the returned link. */
export async function invite(inviter: Caller, email: string, role: TenantRole = "MEMBER"): Promise<Invite> {
  const created = await inviter.invitations.create({ email, role });
  const match = /\/invite\/([^/?#]+)$/.exec(created.inviteUrl);
  if (!match) throw new Error(`Invite link without a token: ${created.inviteUrl}`);
  return { token: match[1]!, inviteUrl: created.inviteUrl, invitationId: created.invitation.id };
}

/**
 * Makes a member of `inviter`'s active tenant by invitation + acceptance. By
 * default the new member has no tenant of their own (so losing this membership
 * leaves them with none); `withOwnTenant` signs them up normally first.
 * Accepting makes the joined tenant the member's active one.
 */
export async function addMember(
  inviter: Caller,
  opts: { role?: TenantRole; withOwnTenant?: boolean; label?: string } = {},
): Promise<TestUser & { tenantId: string }> {
  const label = opts.label ?? (opts.role ?? "member").toLowerCase();
  const user = opts.withOwnTenant ? await signUp({ label }) : await createUserWithoutTenant({ label });
  const { token } = await invite(inviter, user.email, opts.role ?? "MEMBER");
  const accepted = await user.caller.invitations.accept({ token });
  return { ...user, tenantId: accepted.tenantId };
}

export async function makePlatformAdmin(userId: string, isPlatformAdmin = true): Promise<void> {
  await new UserRepository(db()).update(userId, { isPlatformAdmin });
}

/** A platform admin with no tenant membership (staff reach tenants only through the admin console). */
export async function createPlatformAdmin(): Promise<TestUser> {
  const user = await createUserWithoutTenant({ label: "staff" });
  await makePlatformAdmin(user.userId);
  return user;
}

/** Awaits a call that must be refused with an AppError of this code and reason; returns the error. */
export async function expectAppError(
  call: Promise<unknown>,
  expected: { code: TRPCError["code"]; reason: string; message?: string | RegExp },
): Promise<AppError> {
  const error: unknown = await call.then(
    (value) => {
      throw new Error(`Expected ${expected.code}/${expected.reason}, but the call succeeded with ${JSON.stringify(value)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const appErr = error as AppError;
  expect({ code: appErr.code, reason: appErr.reason }).toEqual({ code: expected.code, reason: expected.reason });
  expect(appErr.message.length).toBeGreaterThan(10);
  if (expected.message !== undefined) expect(appErr.message).toMatch(expected.message);
  return appErr;
}

/** Awaits a call that must fail input validation; returns the field's messages. */
export async function expectInvalidInput(call: Promise<unknown>, field: string): Promise<string[]> {
  const error: unknown = await call.then(
    (value) => {
      throw new Error(`Expected BAD_REQUEST for "${field}", but the call succeeded with ${JSON.stringify(value)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe("BAD_REQUEST");
  const issues = ((error as TRPCError).cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined)?.issues;
  expect(issues, "the error's cause carries the validation issues").toBeInstanceOf(Array);
  const messages = issues!.filter((i) => i.path[0] === field).map((i) => i.message);
  expect(messages.length, `an issue for "${field}" in ${JSON.stringify(issues)}`).toBeGreaterThan(0);
  return messages;
}

/** The tenant's audit events with this action, newest first (read straight from the database). */
export function auditEvents(tenantId: string, action?: string) {
  return db().auditEvent.findMany({ where: { tenantId, ...(action ? { action } : {}) }, orderBy: { createdAt: "desc" } });
}

/** A caller authenticated by an API token (`Authorization: Bearer lr_…`) instead of a session. */
export function tokenCaller(token: string): Caller {
  return createCaller(
    createTRPCContext({
      session: null,
      headers: new Headers({ authorization: `Bearer ${token}`, "x-forwarded-for": randomIp() }),
      baseUrl: BASE_URL,
    }),
  );
}
