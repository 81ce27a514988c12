import { describe, expect, it } from "vitest";
import { addMember, db, expectAppError, expectInvalidInput, signUp, uid } from "../../test/factories";
import { createDncLead, createTestLead, createTestOffer } from "../followups/testing";

const T = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

/** A tenant with a small, fully known month of leads, follow-ups and deliveries. */
async function seededTenant() {
  const owner = await signUp({ name: "Olivia Owner" });
  const member = await addMember(owner.caller, { label: "mia" });
  const offerA = await createTestOffer(owner.tenant.id, "Contoso CRM");
  const offerB = await createTestOffer(owner.tenant.id, "Contoso Analytics");
  const stages = await owner.caller.pipeline.stages();
  const stage = (name: string) => stages.find((s) => s.name === name)!;

  const won = await createTestLead(owner.tenant.id, {
    offerId: offerA.id, source: "AzureMarketplace", action: "INS", funnelStage: "ACTIVE", ownerId: owner.userId,
    firstReceivedAt: T("2025-03-02T10:00:00Z"), firstContactedAt: T("2025-03-02T12:00:00Z"), lastContactedAt: T("2025-03-08T12:00:00Z"), followUpCount: 6,
    qualifiedAt: T("2025-03-05T00:00:00Z"),
  });
  // Walk it through the pipeline so its timeline carries the stages it passed.
  for (const name of ["Contacted", "Qualified", "Won"]) await owner.caller.pipeline.moveLead({ leadId: won.id, stageId: stage(name).id });

  const contacted = await createTestLead(owner.tenant.id, {
    offerId: offerA.id, source: "AppSource (SPZA)", action: "PLT", funnelStage: "INITIAL", ownerId: member.userId, stageId: stage("Contacted").id,
    firstReceivedAt: T("2025-03-03T08:00:00Z"), firstContactedAt: T("2025-03-04T14:00:00Z"), lastContactedAt: T("2025-03-04T14:00:00Z"), followUpCount: 2,
  });
  const overdue = await createTestLead(owner.tenant.id, {
    offerId: offerB.id, source: "AzurePortal", action: "Create", funnelStage: "ACTIVE",
    firstReceivedAt: T("2025-03-03T09:00:00Z"), nextFollowUpAt: T("2025-03-05T09:00:00Z"),
  });
  const dnc = await createDncLead(owner.tenant.id, { offerId: offerB.id, source: "AppSource (SPZA)", firstReceivedAt: T("2025-03-09T09:00:00Z") });
  // Excluded: a test lead in the range, a lead before it, and another tenant's lead.
  await createTestLead(owner.tenant.id, { isTest: true, offerId: offerA.id, firstReceivedAt: T("2025-03-02T11:00:00Z") });
  await createTestLead(owner.tenant.id, { firstReceivedAt: T("2025-02-27T10:00:00Z") });
  const other = await signUp({ label: "other" });
  await createTestLead(other.tenant.id, { firstReceivedAt: T("2025-03-02T10:00:00Z") });

  // Deliveries: the webhook delivered 3 of 4 (one failed), the e-mail one is still retrying.
  const webhook = await db().destination.create({ data: { tenantId: owner.tenant.id, kind: "WEBHOOK", name: "Zapier hook", config: {} } });
  const email = await db().destination.create({ data: { tenantId: owner.tenant.id, kind: "EMAIL", name: "Sales inbox", config: {} } });
  const deliveries: [string, string, "DELIVERED" | "ACCEPTED" | "FAILED" | "RETRYING"][] = [
    [won.id, webhook.id, "DELIVERED"],
    [contacted.id, webhook.id, "ACCEPTED"],
    [overdue.id, webhook.id, "DELIVERED"],
    [dnc.id, webhook.id, "FAILED"],
    [won.id, email.id, "RETRYING"],
  ];
  for (const [leadId, destinationId, status] of deliveries) {
    const touchpoint = await db().touchpoint.create({
      data: { tenantId: owner.tenant.id, leadId, channel: "API", funnelStage: "ACTIVE", idempotencyKey: `tp-${uid()}`, receivedAt: T("2025-03-05T00:00:00Z") },
    });
    await db().delivery.create({
      data: { tenantId: owner.tenant.id, leadId, touchpointId: touchpoint.id, destinationId, status, idempotencyKey: `d-${uid()}`, createdAt: T("2025-03-05T00:00:00Z") },
    });
  }
  return { owner, member, other, offerA, offerB, leads: { won, contacted, overdue, dnc } };
}

describe("insights.dashboard", () => {
  it("computes every KPI in SQL for the range, without test leads or other tenants' leads", async () => {
    const { owner, member, offerA } = await seededTenant();
    const d = await owner.caller.insights.dashboard({ from: "2025-03-01", to: "2025-03-10" });

    expect(d.range).toMatchObject({ bucket: "day", timeZone: "UTC" });
    // Medians come from log-scale histograms: within 5 % of the exact figure.
    const { medianFirstContactSeconds, ...totals } = d.totals;
    expect(Math.abs(medianFirstContactSeconds! / ((2 * HOUR + 30 * HOUR) / 2 / 1000) - 1)).toBeLessThanOrEqual(0.05);
    expect(totals).toEqual({
      leads: 4,
      doNotContact: 1,
      contacted: 2,
      contactedWithinTarget: 1,
      averageFollowUps: 8 / 3,
      withinRange: 1,
      qualified: 1,
      won: 1,
      overdue: 1,
      silent: 1,
    });

    expect(d.leadsOverTime.buckets).toHaveLength(10);
    const bySource = d.leadsOverTime.bySource;
    expect(bySource.keys).toEqual(["AppSource (SPZA)", "AzureMarketplace", "AzurePortal"]);
    expect(bySource.rows.find((r) => r.bucket === "2025-03-03")).toMatchObject({ "AppSource (SPZA)": 1, AzurePortal: 1, AzureMarketplace: 0 });
    expect(d.leadsOverTime.byAction.keys.sort()).toEqual(["Create", "DNC", "INS", "PLT"]);
    expect(d.leadsOverTime.byFunnelStage.keys).toEqual(["ACTIVE", "DO_NOT_CONTACT", "INITIAL"]);

    expect(d.funnel.map((s) => [s.name, s.reached, s.conversionFromPrevious])).toEqual([
      ["New", 4, null],
      ["Contacted", 2, 0.5],
      ["Qualified", 1, 0.5],
      ["Won", 1, 1],
    ]);
    expect(d.sideStages.map((s) => [s.name, s.reached])).toEqual([
      ["Nurturing", 0],
      ["Lost", 0],
      ["Disqualified", 0],
    ]);

    const histogram = Object.fromEntries(d.followUpsPerLead.filter((b) => b.leads > 0).map((b) => [b.label, b.leads]));
    expect(histogram).toEqual({ "0": 1, "2": 1, "6": 1 });
    expect(d.followUpsPerLead.filter((b) => b.inRange).map((b) => b.count)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    expect(d.followUpsPerLead.at(-1)!.label).toBe("13+");

    const owners = Object.fromEntries(d.owners.map((o) => [o.owner?.userId ?? "unassigned", [o.leads, o.contacted, o.followUps, o.won, o.overdue]]));
    expect(owners).toEqual({ [owner.userId]: [1, 1, 6, 1, 0], [member.userId]: [1, 1, 2, 0, 0], unassigned: [2, 0, 0, 0, 1] });
    const ownerMedian = d.owners.find((o) => o.owner?.userId === owner.userId)!.medianFirstContactSeconds!;
    expect(Math.abs(ownerMedian / 7200 - 1)).toBeLessThanOrEqual(0.05);

    expect(d.destinations.map((r) => [r.name, r.total, r.succeeded, r.failed, r.inFlight, r.successRate])).toEqual([
      ["Sales inbox", 1, 0, 0, 1, null],
      ["Zapier hook", 4, 3, 1, 0, 0.75],
    ]);
    const byOffer = await owner.caller.insights.dashboard({ from: "2025-03-01", to: "2025-03-10", offerId: offerA.id });
    expect(byOffer.totals.leads).toBe(2);
    expect(byOffer.funnel[0]!.reached).toBe(2);
  });

  it("counts deliveries of the range's leads per destination, failures included", async () => {
    const { owner, offerB } = await seededTenant();
    const d = await owner.caller.insights.dashboard({ from: "2025-03-01", to: "2025-03-10", offerId: offerB.id });
    expect(d.totals.leads).toBe(2);
    expect(d.destinations.map((r) => [r.name, r.succeeded, r.failed, r.successRate])).toEqual([["Zapier hook", 1, 1, 0.5]]);
  });

  it("cuts days in the viewer's time zone and switches to weeks and months for long ranges", async () => {
    const owner = await signUp();
    // 16:00 UTC on Feb 28 is already March 1 in Tokyo.
    await createTestLead(owner.tenant.id, { firstReceivedAt: T("2025-02-28T16:00:00Z") });
    const utc = await owner.caller.insights.dashboard({ from: "2025-03-01", to: "2025-03-07" });
    const tokyo = await owner.caller.insights.dashboard({ from: "2025-03-01", to: "2025-03-07", timeZone: "Asia/Tokyo" });
    expect(utc.totals.leads).toBe(0);
    expect(tokyo.totals.leads).toBe(1);
    expect(tokyo.leadsOverTime.bySource.rows[0]).toEqual({ bucket: "2025-03-01", AzureMarketplace: 1 });
    expect((await owner.caller.insights.dashboard({ from: "2025-01-01", to: "2025-03-31" })).range.bucket).toBe("week");
    const year = await owner.caller.insights.dashboard({ from: "2024-04-01", to: "2025-03-31" });
    expect(year.range.bucket).toBe("month");
    expect(year.leadsOverTime.buckets).toHaveLength(12);
    expect(year.leadsOverTime.bySource.rows.find((r) => r.bucket === "2025-02-01")).toEqual({ bucket: "2025-02-01", AzureMarketplace: 1 });
  });

  it("refuses reversed or over-long ranges, malformed dates and another tenant's offer", async () => {
    const owner = await signUp();
    const other = await signUp({ label: "other" });
    const theirOffer = await createTestOffer(other.tenant.id);
    await expectAppError(owner.caller.insights.dashboard({ from: "2025-03-10", to: "2025-03-01" }), { code: "BAD_REQUEST", reason: "rangeReversed" });
    await expectAppError(owner.caller.insights.dashboard({ from: "2020-01-01", to: "2025-03-01" }), { code: "BAD_REQUEST", reason: "rangeTooLong" });
    await expectAppError(owner.caller.insights.dashboard({ from: "2025-03-01", to: "2025-03-10", offerId: theirOffer.id }), { code: "NOT_FOUND", reason: "offerNotFound" });
    expect(await expectInvalidInput(owner.caller.insights.dashboard({ from: "2025-02-30", to: "2025-03-10" }), "from")).toEqual(["Use a date as YYYY-MM-DD."]);
  });

  it("lists the tenant's offers for the filter", async () => {
    const owner = await signUp();
    const other = await signUp({ label: "other" });
    const offer = await createTestOffer(owner.tenant.id, "Alpha");
    await createTestOffer(other.tenant.id, "Not mine");
    expect(await owner.caller.insights.offers()).toEqual([{ id: offer.id, title: "Alpha" }]);
  });
});
