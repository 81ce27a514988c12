import { verifyCredentials } from "@leadrelay/auth/credentials";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { appRouter, createTRPCContext } from "../../index";
import {
  addMember,
  anonymous,
  auditEvents,
  callerFor,
  db,
  DEFAULT_PASSWORD,
  expectAppError,
  expectInvalidInput,
  invite,
  randomIp,
  signUp,
  uid,
  uniqueEmail,
} from "../../test/factories";

describe("account.signUp", () => {
  it("creates the user and a tenant they own, and makes it their active tenant", async () => {
    const email = uniqueEmail("signup");
    const companyName = `Acme Media ${uid()}`;
    const result = await anonymous().account.signUp({
      name: "Ada Lovelace",
      email: `  ${email.toUpperCase()} `,
      password: DEFAULT_PASSWORD,
      companyName,
      locale: "ru",
    });

    expect(result.tenant.name).toBe(companyName);
    expect(result.tenant.slug).toMatch(/^acme-media-[0-9a-f]{10}$/);

    const user = await db().user.findUniqueOrThrow({ where: { id: result.userId } });
    expect(user.email).toBe(email); // trimmed and lower-cased
    expect(user.name).toBe("Ada Lovelace");
    expect(user.locale).toBe("ru");
    expect(user.isPlatformAdmin).toBe(false);
    expect(user.activeTenantId).toBe(result.tenant.id);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(DEFAULT_PASSWORD);

    const memberships = await db().membership.findMany({ where: { tenantId: result.tenant.id } });
    expect(memberships.map((m) => ({ userId: m.userId, role: m.role }))).toEqual([{ userId: result.userId, role: "OWNER" }]);
    const tenant = await db().tenant.findUniqueOrThrow({ where: { id: result.tenant.id } });
    expect(tenant.status).toBe("ACTIVE");

    const [created] = await auditEvents(result.tenant.id, "tenant.created");
    expect(created).toMatchObject({ actorId: result.userId, targetType: "tenant", targetId: result.tenant.id });

    // The password works for sign-in.
    expect(await verifyCredentials(db(), email, DEFAULT_PASSWORD)).toEqual({ ok: true, userId: result.userId });

    const current = await callerFor(result.userId).tenant.current();
    expect(current).toMatchObject({ id: result.tenant.id, name: companyName, role: "OWNER", status: "ACTIVE" });
  });

  it("refuses an e-mail that already has an account with CONFLICT emailTaken, whatever its case", async () => {
    const first = await signUp({ label: "dupe" });
    const companyName = `Second Company ${uid()}`;
    for (const email of [first.email, first.email.toUpperCase(), ` ${first.email} `]) {
      await expectAppError(
        anonymous().account.signUp({ name: "Someone Else", email, password: "another-long-passphrase", companyName }),
        { code: "CONFLICT", reason: "emailTaken", message: "An account with this e-mail already exists. Sign in instead." },
      );
    }
    expect(await db().tenant.count({ where: { name: companyName } })).toBe(0);
    expect(await db().user.count({ where: { email: first.email } })).toBe(1);
    // The original account is untouched.
    expect(await verifyCredentials(db(), first.email, first.password)).toEqual({ ok: true, userId: first.userId });
  });

  it("refuses weak passwords with BAD_REQUEST and a message on the password field, creating nothing", async () => {
    const email = uniqueEmail("weak");
    const companyName = `Weak Co ${uid()}`;
    const input = { name: "Weak", email, companyName };

    expect(await expectInvalidInput(anonymous().account.signUp({ ...input, password: "short" }), "password")).toEqual([
      "Use at least 10 characters.",
    ]);
    expect(await expectInvalidInput(anonymous().account.signUp({ ...input, password: "Password123" }), "password")).toEqual([
      "This password is too common; choose another.",
    ]);
    const local = email.split("@")[0]!;
    expect(await expectInvalidInput(anonymous().account.signUp({ ...input, password: `my-${local}-secret` }), "password")).toEqual([
      "The password must not contain your e-mail address.",
    ]);
    expect(await expectInvalidInput(anonymous().account.signUp({ ...input, password: "x".repeat(129) }), "password")).toEqual([
      "Use at most 128 characters.",
    ]);

    expect(await db().user.count({ where: { email } })).toBe(0);
    expect(await db().tenant.count({ where: { name: companyName } })).toBe(0);
  });

  it("validates the other fields with clear messages", async () => {
    const base = { name: "Valid", email: uniqueEmail("fields"), password: DEFAULT_PASSWORD, companyName: `Fields ${uid()}` };
    expect(await expectInvalidInput(anonymous().account.signUp({ ...base, email: "not-an-email" }), "email")).toEqual([
      "Enter a valid e-mail address.",
    ]);
    expect(await expectInvalidInput(anonymous().account.signUp({ ...base, name: "   " }), "name")).toEqual(["Enter your name."]);
    expect(await expectInvalidInput(anonymous().account.signUp({ ...base, companyName: "A" }), "companyName")).toEqual([
      "Enter your company's name (at least 2 characters).",
    ]);
    expect(await db().user.count({ where: { email: base.email } })).toBe(0);
  });

  it("gives two tenants with the same name different slugs", async () => {
    const companyName = `Same Name ${uid()}`;
    const a = await signUp({ companyName });
    const b = await signUp({ companyName });
    expect(a.tenant.slug).not.toBe(b.tenant.slug);
    expect(b.tenant.slug).toBe(`${a.tenant.slug}-2`);
  });

  it("limits sign-ups per client IP to 20 an hour", async () => {
    const taken = await signUp({ label: "ratelimit" });
    const ip = randomIp();
    const fromIp = () => anonymous({ headers: new Headers({ "x-forwarded-for": `${ip}, 192.0.2.1` }) });
    // Refused sign-ups count too (the counter is hit before anything else).
    for (let i = 0; i < 20; i++) {
      await expectAppError(
        fromIp().account.signUp({ name: "R", email: taken.email, password: DEFAULT_PASSWORD, companyName: "Rate Co" }),
        { code: "CONFLICT", reason: "emailTaken" },
      );
    }
    const email = uniqueEmail("limited");
    await expectAppError(
      fromIp().account.signUp({ name: "R", email, password: DEFAULT_PASSWORD, companyName: "Rate Co" }),
      { code: "TOO_MANY_REQUESTS", reason: "rateLimited", message: /Too many sign-ups/ },
    );
    expect(await db().user.count({ where: { email } })).toBe(0);
    // Another network is not affected.
    await expect(signUp({ email })).resolves.toMatchObject({ email });
  });
});

describe("errors over HTTP carry the reason and field errors", () => {
  async function post(path: string, input: unknown) {
    const req = new Request(`http://localhost/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": randomIp() },
      body: JSON.stringify({ json: input }),
    });
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      createContext: () => createTRPCContext({ session: null, headers: req.headers }),
    });
    return { status: res.status, body: (await res.json()) as { error?: { json: { message: string; data: Record<string, unknown> } } } };
  }

  it("duplicate e-mail: 409 with data.reason emailTaken", async () => {
    const existing = await signUp({ label: "http" });
    const { status, body } = await post("account.signUp", {
      name: "Dup",
      email: existing.email,
      password: DEFAULT_PASSWORD,
      companyName: "Dup Co",
    });
    expect(status).toBe(409);
    expect(body.error?.json.message).toBe("An account with this e-mail already exists. Sign in instead.");
    expect(body.error?.json.data).toMatchObject({ code: "CONFLICT", reason: "emailTaken", fieldErrors: null });
  });

  it("weak password: 400 with data.fieldErrors.password", async () => {
    const { status, body } = await post("account.signUp", {
      name: "Weak",
      email: uniqueEmail("http-weak"),
      password: "short",
      companyName: "Weak Co",
    });
    expect(status).toBe(400);
    expect(body.error?.json.data).toMatchObject({
      code: "BAD_REQUEST",
      reason: null,
      fieldErrors: { password: ["Use at least 10 characters."] },
    });
  });

  it("signed out: 401 with data.reason signedOut", async () => {
    const req = new Request("http://localhost/api/trpc/account.me", { method: "GET" });
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      createContext: () => createTRPCContext({ session: null, headers: req.headers }),
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { json: { message: string; data: Record<string, unknown> } } };
    expect(body.error.json.message).toBe("Sign in to continue.");
    expect(body.error.json.data).toMatchObject({ code: "UNAUTHORIZED", reason: "signedOut" });
  });
});

describe("account.me", () => {
  it("returns the user, their tenants with roles, and the active tenant", async () => {
    const owner = await signUp({ label: "me", name: "Mia Example" });
    const me = await owner.caller.account.me();
    expect(me.user).toEqual({ id: owner.userId, email: owner.email, name: "Mia Example", isPlatformAdmin: false, locale: "en" });
    expect(me.tenants).toEqual([
      { id: owner.tenant.id, name: owner.tenant.name, slug: owner.tenant.slug, status: "ACTIVE", role: "OWNER" },
    ]);
    expect(me.activeTenant).toEqual(me.tenants[0]);
    expect(JSON.stringify(me)).not.toContain("passwordHash");
    expect(JSON.stringify(me)).not.toContain("$argon2");
  });

  it("works for a signed-in user with no tenant (activeTenant null)", async () => {
    const owner = await signUp({ label: "me-owner" });
    const member = await addMember(owner.caller);
    await owner.caller.members.remove({ userId: member.userId });
    const me = await member.caller.account.me();
    expect(me.tenants).toEqual([]);
    expect(me.activeTenant).toBeNull();
  });

  it("refuses a session whose user no longer exists", async () => {
    await expectAppError(callerFor(`deleted-${uid()}`).account.me(), {
      code: "UNAUTHORIZED",
      reason: "signedOut",
      message: "Your account no longer exists. Sign in again.",
    });
  });
});

describe("account.switchTenant / createTenant", () => {
  it("switching to a tenant you are not a member of is NOT_FOUND and changes nothing", async () => {
    const me = await signUp({ label: "switcher" });
    const other = await signUp({ label: "other" });
    await expectAppError(me.caller.account.switchTenant({ tenantId: other.tenant.id }), {
      code: "NOT_FOUND",
      reason: "tenantNotFound",
      message: "You are not a member of that publisher account.",
    });
    await expectAppError(me.caller.account.switchTenant({ tenantId: `no-such-tenant-${uid()}` }), {
      code: "NOT_FOUND",
      reason: "tenantNotFound",
    });
    expect((await me.caller.tenant.current()).id).toBe(me.tenant.id);
    expect((await db().user.findUniqueOrThrow({ where: { id: me.userId } })).activeTenantId).toBe(me.tenant.id);
  });

  it("createTenant makes a second owned tenant, active at once; switching back works", async () => {
    const me = await signUp({ label: "multi" });
    const name = `Second Brand ${uid()}`;
    const second = await me.caller.account.createTenant({ name: `  ${name}  ` });
    expect(second).toMatchObject({ name, status: "ACTIVE" });
    expect(second.id).not.toBe(me.tenant.id);

    expect(await me.caller.tenant.current()).toMatchObject({ id: second.id, role: "OWNER" });
    expect((await me.caller.members.list()).map((m) => ({ userId: m.userId, role: m.role }))).toEqual([
      { userId: me.userId, role: "OWNER" },
    ]);
    const [created] = await auditEvents(second.id, "tenant.created");
    expect(created).toMatchObject({ actorId: me.userId, targetId: second.id });

    await expect(me.caller.account.switchTenant({ tenantId: me.tenant.id })).resolves.toEqual({ tenantId: me.tenant.id });
    expect((await me.caller.tenant.current()).id).toBe(me.tenant.id);

    await expectInvalidInput(me.caller.account.createTenant({ name: " x " }), "name");
  });

  it("the tenant switcher lists every tenant with its role, and the role follows the active tenant", async () => {
    const me = await signUp({ label: "switch-many" });
    const second = await me.caller.account.createTenant({ name: `Side Project ${uid()}` });
    const stranger = await signUp({ label: "stranger" });
    const { token } = await invite(stranger.caller, me.email, "MEMBER");
    await me.caller.invitations.accept({ token });

    const listed = await me.caller.account.me();
    expect(listed.tenants.map((t) => ({ id: t.id, role: t.role }))).toEqual([
      { id: me.tenant.id, role: "OWNER" },
      { id: second.id, role: "OWNER" },
      { id: stranger.tenant.id, role: "MEMBER" },
    ]);
    expect(listed.activeTenant).toMatchObject({ id: stranger.tenant.id, role: "MEMBER" });

    // As a MEMBER of the stranger's tenant: no admin rights there.
    await expectAppError(me.caller.tenant.rename({ name: "Hijacked" }), { code: "FORBIDDEN", reason: "adminOnly" });
    expect((await db().tenant.findUniqueOrThrow({ where: { id: stranger.tenant.id } })).name).toBe(stranger.tenant.name);

    // Back in their own tenant they are owner again.
    await me.caller.account.switchTenant({ tenantId: second.id });
    expect(await me.caller.tenant.current()).toMatchObject({ id: second.id, role: "OWNER" });
    const renamed = `Renamed ${uid()}`;
    await expect(me.caller.tenant.rename({ name: renamed })).resolves.toMatchObject({ id: second.id, name: renamed });
    expect((await me.caller.account.me()).activeTenant).toMatchObject({ id: second.id, name: renamed, role: "OWNER" });
  });
});

describe("account.setLocale", () => {
  it("stores a supported locale and refuses others", async () => {
    const me = await signUp({ label: "locale" });
    await expect(me.caller.account.setLocale({ locale: "ru" })).resolves.toEqual({ locale: "ru" });
    expect((await me.caller.account.me()).user.locale).toBe("ru");
    // @ts-expect-error an unsupported locale
    await expectInvalidInput(me.caller.account.setLocale({ locale: "de" }), "locale");
    expect((await me.caller.account.me()).user.locale).toBe("ru");
  });
});
