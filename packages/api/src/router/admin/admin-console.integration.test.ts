import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { appRouter } from "../../root";
import {
  addMember,
  anonymous,
  auditEvents,
  createPlatformAdmin,
  db,
  expectAppError,
  expectInvalidInput,
  makePlatformAdmin,
  signUp,
  tokenCaller,
  uid,
  type Caller,
  type SignedUpUser,
  type TestUser,
} from "../../test/factories";

// ------------------------------------------------------------------ fixtures

const DAY = 24 * 60 * 60 * 1000;
const SECRET_CIPHERTEXT = `v1:ciphertext-${uid()}-${uid()}`;
const CONFIG_VALUE = `https://hooks.example.test/config-${uid()}`;

async function createLead(tenantId: string, opts: { receivedAt?: Date; isTest?: boolean } = {}) {
  const at = opts.receivedAt ?? new Date();
  return db().lead.create({
    data: { tenantId, firstName: "Lena", lastName: `Lead ${uid()}`, email: `lena-${uid()}@example.test`, funnelStage: "INITIAL", firstReceivedAt: at, lastReceivedAt: at, isTest: opts.isTest ?? false },
    select: { id: true },
  });
}

async function createDestination(
  tenantId: string,
  opts: { name?: string; state?: "ACTIVE" | "FAILING" | "PAUSED" | "DISABLED"; reason?: string; pausedAt?: Date; lastSuccessAt?: Date } = {},
) {
  return db().destination.create({
    data: {
      tenantId,
      kind: "WEBHOOK",
      name: opts.name ?? `Webhook ${uid()}`,
      config: { url: CONFIG_VALUE },
      secretsCiphertext: SECRET_CIPHERTEXT,
      state: opts.state ?? "ACTIVE",
      consecutiveFailures: opts.state === "FAILING" || opts.state === "PAUSED" ? 7 : 0,
      lastFailureAt: opts.reason ? new Date() : null,
      lastFailureReason: opts.reason ?? null,
      lastSuccessAt: opts.lastSuccessAt ?? null,
      pausedAt: opts.pausedAt ?? null,
    },
    select: { id: true, name: true },
  });
}

/** A delivery of a fresh lead to the destination, with one attempt of this outcome. */
async function createDelivery(
  tenantId: string,
  destinationId: string,
  status: "FAILED" | "RETRYING" | "HELD" | "DELIVERED",
  opts: { error?: string; attemptAt?: Date; outcome?: string } = {},
) {
  const lead = await createLead(tenantId);
  const touchpoint = await db().touchpoint.create({
    data: { tenantId, leadId: lead.id, channel: "HTTPS", funnelStage: "INITIAL", idempotencyKey: `tp-${uid()}` },
    select: { id: true },
  });
  const delivery = await db().delivery.create({
    data: { tenantId, leadId: lead.id, touchpointId: touchpoint.id, destinationId, status, attemptCount: 1, idempotencyKey: `dl-${uid()}`, lastError: opts.error ?? null },
    select: { id: true },
  });
  await db().deliveryAttempt.create({
    data: { deliveryId: delivery.id, tenantId, durationMs: 120, outcome: opts.outcome ?? (status === "DELIVERED" ? "delivered" : "retryable"), httpStatus: 500, error: opts.error ?? null, startedAt: opts.attemptAt ?? new Date() },
  });
  return { ...delivery, leadId: lead.id };
}

async function createCaptureEndpoint(tenantId: string, opts: { revoked?: boolean; verified?: boolean } = {}) {
  return db().captureEndpoint.create({
    data: {
      tenantId,
      tokenHash: `hash-${uid()}${uid()}`,
      tokenCiphertext: `token-ciphertext-${uid()}`,
      revokedAt: opts.revoked ? new Date() : null,
      verifiedAt: opts.verified ? new Date() : null,
      lastLeadAt: opts.verified ? new Date() : null,
    },
    select: { id: true, tokenCiphertext: true },
  });
}

const feedbackFrom = (user: SignedUpUser, input: { category?: "LEAD_QUALITY" | "MISSING_DATA" | "OTHER"; message?: string } = {}) =>
  user.caller.feedback.submit({ category: input.category ?? "LEAD_QUALITY", message: input.message ?? `Leads arrive without a phone number ${uid()}.`, satisfaction: 2 });

let staff: TestUser;
/** A tenant with a bit of everything, whose feedback and ids the refusal tests aim at. */
let target: SignedUpUser;
let targetFeedbackId: string;

beforeAll(async () => {
  staff = await createPlatformAdmin();
  target = await signUp({ label: "admin-target" });
  targetFeedbackId = (await feedbackFrom(target)).id;
});

// ------------------------------------------------------------------ every procedure refuses non-admins

/** One valid input per admin procedure: a procedure missing here fails the first test. */
const ADMIN_INPUTS: Record<string, () => unknown> = {
  "admin.listTenants": () => ({}),
  "admin.tenantDetail": () => ({ tenantId: target.tenant.id }),
  "admin.setTenantStatus": () => ({ tenantId: target.tenant.id, status: "SUSPENDED" }),
  "admin.updatePlanLimits": () => ({ tenantId: target.tenant.id, captureRateLimitPerMinute: null, apiRateLimitPerMinute: null }),
  "admin.feedback.list": () => ({}),
  "admin.feedback.get": () => ({ feedbackId: targetFeedbackId }),
  "admin.feedback.setStatus": () => ({ feedbackId: targetFeedbackId, status: "CLOSED" }),
  "admin.feedback.reply": () => ({ feedbackId: targetFeedbackId, message: "An answer nobody may send" }),
  "admin.deliveryHealth": () => undefined,
  "admin.auditLog": () => ({}),
  "admin.auditActions": () => undefined,
};

const adminPaths = Object.keys(appRouter._def.procedures)
  .filter((path) => path.startsWith("admin."))
  .sort();

function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const segment of path.split(".")) target = (target as Record<string, unknown>)[segment];
  return (target as (input: unknown) => Promise<unknown>)(input);
}

/** What a refused call must not have changed. */
async function targetState() {
  const [tenant, feedback, replies, audit] = await Promise.all([
    db().tenant.findUniqueOrThrow({ where: { id: target.tenant.id }, select: { status: true, suspendedAt: true } }),
    db().feedback.findUniqueOrThrow({ where: { id: targetFeedbackId }, select: { status: true } }),
    db().feedbackReply.count({ where: { feedbackId: targetFeedbackId } }),
    db().auditEvent.count({ where: { tenantId: target.tenant.id } }),
  ]);
  return { tenant, feedback, replies, audit };
}

describe("every admin procedure", () => {
  it("has an input in this file (so a new admin procedure cannot skip the refusal tests)", () => {
    expect(adminPaths.length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(ADMIN_INPUTS).sort()).toEqual(adminPaths);
  });

  it.each(adminPaths)("%s → FORBIDDEN platformAdminOnly with a clear message for tenant owners, admins and members", async (path) => {
    const before = await targetState();
    const admin = await addMember(target.caller, { role: "ADMIN" });
    const member = await addMember(target.caller, { role: "MEMBER" });
    for (const user of [target, admin, member]) {
      await expectAppError(call(user.caller, path, ADMIN_INPUTS[path]!()), {
        code: "FORBIDDEN",
        reason: "platformAdminOnly",
        message: "This is for Leadrelay platform administrators only.",
      });
    }
    await db().membership.deleteMany({ where: { tenantId: target.tenant.id, userId: { in: [admin.userId, member.userId] } } });
    expect(await targetState()).toMatchObject({ tenant: before.tenant, feedback: before.feedback, replies: before.replies });
  });

  it.each(adminPaths)("%s → UNAUTHORIZED signedOut for anonymous callers", async (path) => {
    const before = await targetState();
    await expectAppError(call(anonymous(), path, ADMIN_INPUTS[path]!()), { code: "UNAUTHORIZED", reason: "signedOut", message: "Sign in to continue." });
    expect(await targetState()).toEqual(before);
  });

  it.each(adminPaths)("%s → FORBIDDEN notForTokens for an API token, even a platform admin's", async (path) => {
    const owner = await signUp({ label: "admin-token" });
    await makePlatformAdmin(owner.userId);
    const { token } = await owner.caller.apiTokens.create({ name: `all ${uid()}`, scopes: ["feedback:read", "feedback:write"] });
    await expectAppError(call(tokenCaller(token), path, ADMIN_INPUTS[path]!()), { code: "FORBIDDEN", reason: "notForTokens" });
  });
});

// ------------------------------------------------------------------ tenants

describe("admin.listTenants", () => {
  it("counts members, real leads of the last 30 days, destinations, unhealthy ones and open feedback, and searches", async () => {
    const tag = uid();
    const owner = await signUp({ companyName: `Northwind 100%_${tag}` });
    await addMember(owner.caller);
    await addMember(owner.caller, { role: "ADMIN" });
    await createLead(owner.tenant.id);
    await createLead(owner.tenant.id, { receivedAt: new Date(Date.now() - 10 * DAY) });
    await createLead(owner.tenant.id, { receivedAt: new Date(Date.now() - 40 * DAY) }); // too old
    await createLead(owner.tenant.id, { isTest: true }); // Microsoft's test lead
    await createDestination(owner.tenant.id);
    await createDestination(owner.tenant.id, { state: "FAILING", reason: "HTTP 500" });
    await createDestination(owner.tenant.id, { state: "PAUSED", reason: "HTTP 401", pausedAt: new Date() });
    await createDestination(owner.tenant.id, { state: "DISABLED" });
    const answered = await feedbackFrom(owner);
    await feedbackFrom(owner);
    await staff.caller.admin.feedback.reply({ feedbackId: answered.id, message: "Answered." });

    const found = await staff.caller.admin.listTenants({ search: `100%_${tag}`.toUpperCase() });
    expect(found).toEqual([
      {
        id: owner.tenant.id,
        slug: owner.tenant.slug,
        name: owner.tenant.name,
        status: "ACTIVE",
        createdAt: expect.any(Date),
        suspendedAt: null,
        memberCount: 3,
        leadsLast30Days: 2,
        destinationCount: 4,
        unhealthyDestinationCount: 2,
        openFeedbackCount: 1,
      },
    ]);
    // % and _ match literally, not as wildcards.
    expect(await staff.caller.admin.listTenants({ search: `100%x${tag}` })).toEqual([]);
    expect((await staff.caller.admin.listTenants({ search: owner.tenant.slug })).map((t) => t.id)).toEqual([owner.tenant.id]);
    expect(JSON.stringify(found)).not.toContain(SECRET_CIPHERTEXT);
  });

  it("refuses an over-long search", async () => {
    expect(await expectInvalidInput(staff.caller.admin.listTenants({ search: "x".repeat(101) }), "search")).toEqual(["Search for at most 100 characters."]);
  });
});

describe("admin.tenantDetail", () => {
  it("shows members, destinations with health, failing deliveries, capture endpoints and counts — never secrets", async () => {
    const owner = await signUp({ label: "detail" });
    const member = await addMember(owner.caller);
    const healthy = await createDestination(owner.tenant.id, { name: "Healthy hook", lastSuccessAt: new Date() });
    const failing = await createDestination(owner.tenant.id, { name: "Broken CRM", state: "FAILING", reason: "HTTP 500 from crm.example.test" });
    const failed = await createDelivery(owner.tenant.id, failing.id, "FAILED", { error: "HTTP 500: upstream exploded" });
    const retrying = await createDelivery(owner.tenant.id, failing.id, "RETRYING", { error: "timeout after 10 s" });
    await createDelivery(owner.tenant.id, healthy.id, "DELIVERED");
    await createDelivery(owner.tenant.id, failing.id, "HELD");
    const endpoint = await createCaptureEndpoint(owner.tenant.id, { verified: true });
    await createCaptureEndpoint(owner.tenant.id);
    await createCaptureEndpoint(owner.tenant.id, { revoked: true });
    await db().offer.create({ data: { tenantId: owner.tenant.id, publisherId: `p${uid()}`, offerId: `o${uid()}`, title: "Offer", type: "SAAS" } });
    await feedbackFrom(owner);

    const detail = await staff.caller.admin.tenantDetail({ tenantId: owner.tenant.id });
    expect(detail.tenant).toMatchObject({ id: owner.tenant.id, name: owner.tenant.name, status: "ACTIVE", suspendedAt: null });
    expect(detail.members.map((m) => ({ email: m.email, role: m.role }))).toEqual([
      { email: owner.email, role: "OWNER" },
      { email: member.email, role: "MEMBER" },
    ]);
    expect(detail.destinations).toEqual([
      expect.objectContaining({ id: healthy.id, name: "Healthy hook", kind: "WEBHOOK", state: "ACTIVE", heldCount: 0, failedCount: 0, lastFailureReason: null }),
      expect.objectContaining({ id: failing.id, name: "Broken CRM", state: "FAILING", consecutiveFailures: 7, lastFailureReason: "HTTP 500 from crm.example.test", heldCount: 1, failedCount: 1 }),
    ]);
    expect(detail.failingDeliveries.map((d) => ({ id: d.id, status: d.status, lastError: d.lastError, destination: d.destination.name })).sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [
        { id: failed.id, status: "FAILED", lastError: "HTTP 500: upstream exploded", destination: "Broken CRM" },
        { id: retrying.id, status: "RETRYING", lastError: "timeout after 10 s", destination: "Broken CRM" },
      ].sort((x, y) => x.id.localeCompare(y.id)),
    );
    expect(detail.captureEndpoints).toEqual({ active: 2, verified: 1, revoked: 1, lastLeadAt: expect.any(Date) });
    expect(detail.leads).toMatchObject({ total: 4, last30Days: 4 });
    expect(detail).toMatchObject({ offerCount: 1, activeApiTokenCount: 0, openFeedbackCount: 1 });

    const json = JSON.stringify(detail);
    for (const secret of [SECRET_CIPHERTEXT, CONFIG_VALUE, endpoint.tokenCiphertext, "secretsCiphertext", "tokenHash", "tokenCiphertext", '"config"']) {
      expect(json, `the detail contains ${secret}`).not.toContain(secret);
    }
  });

  it("an unknown tenant is NOT_FOUND; an empty id is refused", async () => {
    await expectAppError(staff.caller.admin.tenantDetail({ tenantId: `missing-${uid()}` }), {
      code: "NOT_FOUND",
      reason: "tenantNotFound",
      message: "No such publisher account.",
    });
    expect(await expectInvalidInput(staff.caller.admin.tenantDetail({ tenantId: " " }), "tenantId")).toEqual(["Give a tenant id."]);
  });
});

// ------------------------------------------------------------------ feedback inbox

describe("admin.feedback", () => {
  it("lists every tenant's feedback, filtered by status, category and tenant, newest first and paged", async () => {
    const a = await signUp({ label: "inbox-a" });
    const b = await signUp({ label: "inbox-b" });
    const a1 = await feedbackFrom(a, { category: "LEAD_QUALITY" });
    const a2 = await feedbackFrom(a, { category: "MISSING_DATA" });
    const a3 = await feedbackFrom(a, { category: "MISSING_DATA" });
    const b1 = await feedbackFrom(b, { category: "MISSING_DATA" });
    await staff.caller.admin.feedback.setStatus({ feedbackId: a2.id, status: "IN_REVIEW" });

    const ofA = await staff.caller.admin.feedback.list({ tenantId: a.tenant.id });
    expect(ofA.items.map((f) => f.id)).toEqual([a3.id, a2.id, a1.id]);
    expect(ofA.items[0]!.tenant).toEqual({ id: a.tenant.id, name: a.tenant.name, slug: a.tenant.slug, status: "ACTIVE" });
    expect(ofA.statusCounts).toEqual({ NEW: 2, IN_REVIEW: 1, ANSWERED: 0, CLOSED: 0 });
    expect(ofA.nextCursor).toBeNull();

    const missingInA = await staff.caller.admin.feedback.list({ tenantId: a.tenant.id, category: "MISSING_DATA" });
    expect(missingInA.items.map((f) => f.id)).toEqual([a3.id, a2.id]);
    const inReview = await staff.caller.admin.feedback.list({ tenantId: a.tenant.id, status: "IN_REVIEW" });
    expect(inReview.items.map((f) => f.id)).toEqual([a2.id]);
    expect(inReview.statusCounts.NEW).toBe(2); // the tabs count regardless of the status filter

    const everyone = await staff.caller.admin.feedback.list({ category: "MISSING_DATA", limit: 100 });
    expect(everyone.items.map((f) => f.id)).toEqual(expect.arrayContaining([a3.id, a2.id, b1.id]));

    const page1 = await staff.caller.admin.feedback.list({ tenantId: a.tenant.id, limit: 2 });
    expect(page1.items.map((f) => f.id)).toEqual([a3.id, a2.id]);
    const page2 = await staff.caller.admin.feedback.list({ tenantId: a.tenant.id, limit: 2, cursor: page1.nextCursor });
    expect(page2).toMatchObject({ items: [expect.objectContaining({ id: a1.id })], nextCursor: null });
  });

  it("refuses a forged cursor and bad filters", async () => {
    await expectAppError(staff.caller.admin.feedback.list({ cursor: "not-a-cursor" }), { code: "BAD_REQUEST", reason: "invalidCursor" });
    expect((await expectInvalidInput(staff.caller.admin.feedback.list({ status: "OPEN" as never }), "status"))[0]).toMatch(/^Choose a status/);
    expect((await expectInvalidInput(staff.caller.admin.feedback.list({ category: "PRAISE" as never }), "category"))[0]).toMatch(/^Choose a category/);
    await expectInvalidInput(staff.caller.admin.feedback.list({ limit: 500 }), "limit");
  });

  it("gets one with its tenant, offer and leads (names, no contact details)", async () => {
    const owner = await signUp({ label: "inbox-get" });
    const lead = await createLead(owner.tenant.id);
    const sent = await owner.caller.feedback.submit({ category: "WRONG_DATA", message: "This lead has a wrong country.", satisfaction: 1, leadIds: [lead.id] });
    const item = await staff.caller.admin.feedback.get({ feedbackId: sent.id });
    expect(item).toMatchObject({
      id: sent.id,
      tenant: { id: owner.tenant.id },
      author: { email: owner.email },
      leads: [{ id: lead.id, name: expect.stringMatching(/^Lena Lead /), company: null, isTest: false }],
    });
    expect(JSON.stringify(item.leads)).not.toContain("@example.test");
    await expectAppError(staff.caller.admin.feedback.get({ feedbackId: `missing-${uid()}` }), { code: "NOT_FOUND", reason: "feedbackNotFound" });
  });

  it("triages NEW → IN_REVIEW → CLOSED with audit events; ANSWERED is reached only by replying", async () => {
    const owner = await signUp({ label: "inbox-triage" });
    const sent = await feedbackFrom(owner);
    expect(await staff.caller.admin.feedback.setStatus({ feedbackId: sent.id, status: "IN_REVIEW" })).toEqual({ id: sent.id, status: "IN_REVIEW" });
    await staff.caller.admin.feedback.setStatus({ feedbackId: sent.id, status: "IN_REVIEW" }); // unchanged: not audited again
    await staff.caller.admin.feedback.setStatus({ feedbackId: sent.id, status: "CLOSED" });
    expect((await owner.caller.feedback.get({ feedbackId: sent.id })).status).toBe("CLOSED");

    const events = await auditEvents(owner.tenant.id, "feedback.status_changed");
    expect(events.map((e) => ({ actorId: e.actorId, targetType: e.targetType, targetId: e.targetId, data: e.data }))).toEqual([
      { actorId: staff.userId, targetType: "feedback", targetId: sent.id, data: { from: "IN_REVIEW", to: "CLOSED" } },
      { actorId: staff.userId, targetType: "feedback", targetId: sent.id, data: { from: "NEW", to: "IN_REVIEW" } },
    ]);
    expect(await expectInvalidInput(staff.caller.admin.feedback.setStatus({ feedbackId: sent.id, status: "ANSWERED" as never }), "status")).toEqual([
      "Set NEW, IN_REVIEW or CLOSED; feedback becomes ANSWERED when you reply.",
    ]);
    await expectAppError(staff.caller.admin.feedback.setStatus({ feedbackId: `missing-${uid()}`, status: "CLOSED" }), { code: "NOT_FOUND", reason: "feedbackNotFound" });
  });

  it("a staff reply makes the feedback ANSWERED, notifies its author, is audited, and the publisher sees it", async () => {
    const owner = await signUp({ label: "inbox-reply" });
    const sent = await feedbackFrom(owner);
    const answer = "Thanks! We fixed the mapping.\n<b>Deployed</b> today.";
    const replied = await staff.caller.admin.feedback.reply({ feedbackId: sent.id, message: answer });
    expect(replied).toMatchObject({ id: sent.id, status: "ANSWERED", replies: [{ fromStaff: true, message: answer, author: { email: staff.email } }] });

    const seen = await owner.caller.feedback.get({ feedbackId: sent.id });
    expect(seen).toMatchObject({ status: "ANSWERED", replies: [{ fromStaff: true, message: answer, author: null }] });
    expect(await db().notification.findMany({ where: { userId: owner.userId }, select: { kind: true, link: true, tenantId: true } })).toEqual([
      { kind: "feedback.replied", link: `/feedback#feedback-${sent.id}`, tenantId: owner.tenant.id },
    ]);
    const [event] = await auditEvents(owner.tenant.id, "feedback.answered");
    expect(event).toMatchObject({ actorId: staff.userId, targetType: "feedback", targetId: sent.id });

    expect(await expectInvalidInput(staff.caller.admin.feedback.reply({ feedbackId: sent.id, message: " " }), "message")).toEqual(["Write a message."]);
    await expectAppError(staff.caller.admin.feedback.reply({ feedbackId: `missing-${uid()}`, message: "Hello" }), { code: "NOT_FOUND", reason: "feedbackNotFound" });
  });
});

// ------------------------------------------------------------------ delivery health

describe("admin.deliveryHealth", () => {
  it("lists failing and paused destinations with tenant, reason and since; counts the job queue and backlogs", async () => {
    const owner = await signUp({ label: "health" });
    const lastSuccessAt = new Date(Date.now() - 3 * DAY);
    const failing = await createDestination(owner.tenant.id, { name: "Flaky CRM", state: "FAILING", reason: "HTTP 503", lastSuccessAt });
    const firstFailure = new Date(Date.now() - 2 * DAY);
    await createDelivery(owner.tenant.id, failing.id, "DELIVERED", { attemptAt: new Date(Date.now() - 4 * DAY), outcome: "delivered" });
    await createDelivery(owner.tenant.id, failing.id, "FAILED", { attemptAt: firstFailure, error: "HTTP 503" });
    await createDelivery(owner.tenant.id, failing.id, "RETRYING", { attemptAt: new Date(Date.now() - DAY), error: "HTTP 503" });
    const pausedAt = new Date(Date.now() - 5 * DAY);
    const paused = await createDestination(owner.tenant.id, { name: "Revoked Salesforce", state: "PAUSED", reason: "auth_invalid: token revoked", pausedAt });
    await createDelivery(owner.tenant.id, paused.id, "HELD");
    const fine = await createDestination(owner.tenant.id, { name: "Fine" });

    // A job due an hour ago that nobody ran: depth and age show it.
    const jobKey = `admin-health-${uid()}`;
    await db().$executeRaw`SELECT graphile_worker.add_job('admin-health-probe', '{}'::json, run_at := now() - interval '1 hour', job_key := ${jobKey})`;
    try {
      const health = await staff.caller.admin.deliveryHealth();
      const mine = health.destinations.filter((d) => d.tenant.id === owner.tenant.id);
      expect(mine.map((d) => d.id).sort()).toEqual([failing.id, paused.id].sort());
      expect(mine.find((d) => d.id === failing.id)).toMatchObject({
        name: "Flaky CRM",
        state: "FAILING",
        lastFailureReason: "HTTP 503",
        since: firstFailure,
        failedCount: 1,
        tenant: { id: owner.tenant.id, name: owner.tenant.name, status: "ACTIVE" },
      });
      expect(mine.find((d) => d.id === paused.id)).toMatchObject({ state: "PAUSED", since: pausedAt, heldCount: 1, lastFailureReason: "auth_invalid: token revoked" });
      expect(health.destinations.map((d) => d.id)).not.toContain(fine.id);

      expect(health.queue.depth).toBeGreaterThanOrEqual(1);
      expect(health.queue.dueNow).toBeGreaterThanOrEqual(1);
      expect(health.queue.oldestDueAgeSeconds).toBeGreaterThanOrEqual(3590);
      expect(health.queue.oldestDueAt).toBeInstanceOf(Date);
      expect(health.queue.byTask).toEqual(expect.arrayContaining([{ task: "admin-health-probe", count: 1 }]));
      expect(health.deliveries.held).toBeGreaterThanOrEqual(1);
      expect(health.deliveries.retrying).toBeGreaterThanOrEqual(1);
      expect(health.deliveries.failedLast24Hours).toBeGreaterThanOrEqual(1);

      const json = JSON.stringify(health);
      for (const secret of [SECRET_CIPHERTEXT, CONFIG_VALUE, "secretsCiphertext"]) expect(json).not.toContain(secret);
    } finally {
      await db().$executeRaw`SELECT graphile_worker.remove_job(${jobKey})`;
    }
  });
});

// ------------------------------------------------------------------ plan limits

describe("admin.updatePlanLimits", () => {
  it("sets a tenant's API limit, which its tokens then meet, and audits the change", async () => {
    const owner = await signUp({ label: "plan" });
    const { token } = await owner.caller.apiTokens.create({ name: "busy", scopes: ["leads:read"] });
    await staff.caller.admin.updatePlanLimits({ tenantId: owner.tenant.id, captureRateLimitPerMinute: 50, apiRateLimitPerMinute: 2 });
    expect((await staff.caller.admin.tenantDetail({ tenantId: owner.tenant.id })).tenant).toMatchObject({ captureRateLimitPerMinute: 50, apiRateLimitPerMinute: 2 });

    const client = tokenCaller(token);
    await client.leads.list({});
    await client.leads.list({});
    const refused = await expectAppError(client.leads.list({}), { code: "TOO_MANY_REQUESTS", reason: "rateLimited" });
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.message).toContain("2 requests a minute");

    const events = await db().auditEvent.findMany({ where: { tenantId: owner.tenant.id, action: "tenant.plan_limits_changed" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ after: { captureRateLimitPerMinute: 50, apiRateLimitPerMinute: 2 } });

    // null restores the platform default.
    await staff.caller.admin.updatePlanLimits({ tenantId: owner.tenant.id, captureRateLimitPerMinute: null, apiRateLimitPerMinute: null });
    expect((await staff.caller.admin.tenantDetail({ tenantId: owner.tenant.id })).tenant.apiRateLimitPerMinute).toBeNull();
  });

  it("refuses nonsense limits and unknown tenants", async () => {
    expect(await expectInvalidInput(staff.caller.admin.updatePlanLimits({ tenantId: target.tenant.id, captureRateLimitPerMinute: 0, apiRateLimitPerMinute: null }), "captureRateLimitPerMinute")).toEqual(["At least 1 a minute."]);
    await expectAppError(staff.caller.admin.updatePlanLimits({ tenantId: "c".repeat(25), captureRateLimitPerMinute: null, apiRateLimitPerMinute: null }), { code: "NOT_FOUND", reason: "tenantNotFound" });
  });
});

// ------------------------------------------------------------------ audit log

describe("admin.auditLog", () => {
  it("shows every admin action with actor, time and target, filtered by tenant and action, paged", async () => {
    const owner = await signUp({ label: "audit" });
    const other = await signUp({ label: "audit-other" });
    await staff.caller.admin.setTenantStatus({ tenantId: owner.tenant.id, status: "SUSPENDED" });
    await staff.caller.admin.setTenantStatus({ tenantId: owner.tenant.id, status: "ACTIVE" });
    await staff.caller.admin.setTenantStatus({ tenantId: other.tenant.id, status: "SUSPENDED" });
    await staff.caller.admin.setTenantStatus({ tenantId: other.tenant.id, status: "ACTIVE" });

    const ofOwner = await staff.caller.admin.auditLog({ tenantId: owner.tenant.id });
    expect(new Set(ofOwner.items.map((e) => e.tenant?.id))).toEqual(new Set([owner.tenant.id]));
    expect(ofOwner.items.slice(0, 2).map((e) => e.action)).toEqual(["tenant.reactivated", "tenant.suspended"]);
    expect(ofOwner.items[0]).toMatchObject({
      targetType: "tenant",
      targetId: owner.tenant.id,
      targetLabel: owner.tenant.name,
      createdAt: expect.any(Date),
      tenant: { id: owner.tenant.id, name: owner.tenant.name, slug: owner.tenant.slug },
      actor: { id: staff.userId, email: staff.email, isPlatformAdmin: true },
    });

    const suspensions = await staff.caller.admin.auditLog({ action: "tenant.suspended", limit: 200 });
    expect(new Set(suspensions.items.map((e) => e.action))).toEqual(new Set(["tenant.suspended"]));
    expect(suspensions.items.map((e) => e.tenant?.id)).toEqual(expect.arrayContaining([owner.tenant.id, other.tenant.id]));

    const page1 = await staff.caller.admin.auditLog({ tenantId: owner.tenant.id, limit: 1 });
    expect(page1.items.map((e) => e.action)).toEqual(["tenant.reactivated"]);
    const page2 = await staff.caller.admin.auditLog({ tenantId: owner.tenant.id, limit: 1, cursor: page1.nextCursor });
    expect(page2.items.map((e) => e.action)).toEqual(["tenant.suspended"]);

    expect(await staff.caller.admin.auditActions()).toEqual(expect.arrayContaining(["tenant.reactivated", "tenant.suspended"]));
    // Tenant owners still see their own part of it.
    expect((await owner.caller.tenant.auditLog()).map((e) => e.action)).toEqual(expect.arrayContaining(["tenant.suspended", "tenant.reactivated"]));
  });

  it("refuses a forged cursor and over-long filters", async () => {
    await expectAppError(staff.caller.admin.auditLog({ cursor: "123_bad id" }), { code: "BAD_REQUEST", reason: "invalidCursor" });
    expect(await expectInvalidInput(staff.caller.admin.auditLog({ action: "x".repeat(101) }), "action")).toEqual(["That action is too long."]);
  });
});

describe("the refusal is about the caller", () => {
  it("the same calls work for platform staff", async () => {
    for (const path of adminPaths.filter((p) => !["admin.setTenantStatus", "admin.updatePlanLimits", "admin.feedback.setStatus", "admin.feedback.reply"].includes(p))) {
      const result = await call(staff.caller, path, ADMIN_INPUTS[path]!());
      expect(result, path).toBeTruthy();
      expect(result).not.toBeInstanceOf(AppError);
    }
  });
});
