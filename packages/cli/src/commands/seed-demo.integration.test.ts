/**
 * `seed --demo`, run in-process against the integration database. Other test files share
 * that database (and cli.integration.test.ts seeds the real demo people), so this one seeds
 * a demo of its own people: same tenant name, other e-mail addresses.
 */
import { randomBytes } from "node:crypto";
import { createCaller, createTRPCContext } from "@leadrelay/api";
import { createDb, type Db } from "@leadrelay/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LEAD_COUNT, DEMO_OFFERS } from "./demo/demo-data";
import { DEMO, seedDemo, type DemoSpec } from "./seed";

const uid = randomBytes(5).toString("hex");
const demo: DemoSpec = {
  tenantName: DEMO.tenantName,
  owner: { ...DEMO.owner, email: `demo-owner-${uid}@example.test` },
  members: DEMO.members.map((m) => ({ ...m, email: `demo-analyst-${uid}@example.test` })),
  invitations: DEMO.invitations.map((i) => ({ ...i, email: `demo-invitee-${uid}@example.test` })),
};
const BASE_URL = "https://demo.leadrelay.test";

let db: Db;
beforeAll(() => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run with `vitest run --project integration`.");
  db = createDb(url, 4);
});
afterAll(async () => {
  await db.$disconnect();
});

function callerFor(userId: string) {
  return createCaller(createTRPCContext({ session: { userId }, db, baseUrl: BASE_URL }));
}

const dateKey = (d: Date) => d.toISOString().slice(0, 10);

async function tenantCounts(tenantId: string) {
  const [offers, captureEndpoints, destinations, leads, touchpoints, testLeads, privacyLeads, dncLeads, activities, qualified, nurture, overdue, feedback] =
    await Promise.all([
      db.offer.count({ where: { tenantId } }),
      db.captureEndpoint.count({ where: { tenantId } }),
      db.destination.count({ where: { tenantId } }),
      db.lead.count({ where: { tenantId } }),
      db.touchpoint.count({ where: { tenantId } }),
      db.lead.count({ where: { tenantId, isTest: true } }),
      db.lead.count({ where: { tenantId, isPrivacyRedacted: true } }),
      db.lead.count({ where: { tenantId, funnelStage: "DO_NOT_CONTACT" } }),
      db.followUpActivity.count({ where: { tenantId } }),
      db.lead.count({ where: { tenantId, qualifiedAt: { not: null } } }),
      db.lead.count({ where: { tenantId, nurtureUntil: { not: null } } }),
      db.lead.count({ where: { tenantId, nextFollowUpAt: { lt: new Date() } } }),
      db.feedback.count({ where: { tenantId } }),
    ]);
  return { offers, captureEndpoints, destinations, leads, touchpoints, testLeads, privacyLeads, dncLeads, activities, qualified, nurture, overdue, feedback };
}

describe("seed --demo", { timeout: 360_000 }, () => {
  it("creates a realistic demo through the app's own procedures and capture pipeline, adds nothing when run again, and starts over with reset", async () => {
    const first = await seedDemo(db, { baseUrl: BASE_URL, demo });
    const tenantId = first.tenant.id;
    const counts = await tenantCounts(tenantId);

    expect(counts.offers).toBe(DEMO_OFFERS.length);
    expect(counts.captureEndpoints).toBe(DEMO_OFFERS.length);
    expect(counts.destinations).toBe(1);
    // Every person is a lead, plus the .edu customer and Microsoft's test lead; returning customers add touchpoints only.
    expect(counts.leads).toBe(DEMO_LEAD_COUNT + 2);
    expect(counts.touchpoints).toBeGreaterThan(counts.leads);
    expect(counts.testLeads).toBe(1);
    expect(counts.privacyLeads).toBe(1);
    expect(counts.dncLeads).toBeGreaterThan(0);
    expect(counts.activities).toBeGreaterThan(counts.leads / 2);
    expect(counts.qualified).toBe(1);
    expect(counts.nurture).toBe(2);
    expect(counts.overdue).toBeGreaterThan(0);
    expect(counts.feedback).toBe(1);

    const leads = await db.lead.findMany({ where: { tenantId }, select: { firstReceivedAt: true, ownerId: true, source: true, action: true, isTest: true } });
    const oldest = Math.min(...leads.map((l) => l.firstReceivedAt.getTime()));
    expect(Date.now() - oldest).toBeGreaterThan(55 * 24 * 3_600_000);
    expect(Math.max(...leads.map((l) => l.firstReceivedAt.getTime()))).toBeLessThan(Date.now());
    expect(new Set(leads.filter((l) => !l.isTest).map((l) => l.source))).toEqual(new Set(["AzureMarketplace", "AppSource (SPZA)", "AzurePortal"]));
    for (const action of ["INS", "PLT", "DNC", "Create", "StartTestDrive"]) expect(leads.some((l) => l.action === action), action).toBe(true);
    // Owners come from the round-robin rule the seed turned on: both demo people have leads.
    expect(new Set(leads.filter((l) => l.ownerId).map((l) => l.ownerId)).size).toBe(2);

    const caller = callerFor(first.owner.id);
    // The inbox hides Microsoft's test lead until asked for it.
    const inbox = await caller.leads.list({ limit: 100 });
    expect(inbox.items).toHaveLength(counts.leads - 1);
    expect((await caller.leads.list({ limit: 100, q: "MSFT_TEST" })).items).toHaveLength(1);
    const offers = await caller.offers.list();
    expect(offers.map((o) => o.ref)).toContain("contoso-analytics.insights-cloud");
    expect(offers.find((o) => o.ref === "contoso-analytics.insights-cloud")!.captureVerifiedAt).not.toBeNull();

    const now = new Date();
    const insights = await caller.insights.dashboard({ from: dateKey(new Date(now.getTime() - 60 * 24 * 3_600_000)), to: dateKey(now), timeZone: "UTC" });
    expect(insights.totals).toMatchObject({ qualified: 1 });
    expect(insights.totals.leads).toBeGreaterThan(DEMO_LEAD_COUNT / 2);
    expect(insights.totals.contacted).toBeGreaterThan(0);
    expect(insights.totals.won).toBeGreaterThan(0);
    expect(insights.totals.overdue).toBeGreaterThan(0);
    expect(insights.leadsOverTime.bySource.keys.length).toBeGreaterThan(1);
    expect(insights.owners.length).toBeGreaterThanOrEqual(2);
    expect(insights.followUpsPerLead.some((b) => b.count > 0 && b.leads > 0)).toBe(true);

    // Running it again finds everything there and adds nothing.
    const second = await seedDemo(db, { baseUrl: BASE_URL, demo });
    expect(second.tenant.id).toBe(tenantId);
    expect(second.steps.flatMap((s) => s.created)).toEqual([]);
    expect(await tenantCounts(tenantId)).toEqual({ ...counts, overdue: expect.any(Number) as number });

    // --reset deletes the demo tenant and builds it again.
    const third = await seedDemo(db, { baseUrl: BASE_URL, demo, reset: true });
    expect(third.tenant.id).not.toBe(tenantId);
    expect(await db.tenant.count({ where: { id: tenantId } })).toBe(0);
    const again = await tenantCounts(third.tenant.id);
    expect({ ...again, activities: 0, overdue: 0 }).toEqual({ ...counts, activities: 0, overdue: 0 });
    const owner = await db.user.findUniqueOrThrow({ where: { email: demo.owner.email } });
    expect(owner.activeTenantId).toBe(third.tenant.id);
  });
});
