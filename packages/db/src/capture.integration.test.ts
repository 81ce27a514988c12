/**
 * captureLead against the integration project's real PostgreSQL (DATABASE_URL, migrated by
 * the globalSetup, graphile-worker's schema included). Other files share the database, so
 * every test works in tenants of its own.
 */
import { randomBytes } from "node:crypto";
import { parseHttpsPayload, type Lead } from "@leadrelay/leads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureLead, resolveCaptureOffer, type CaptureLeadInput } from "./capture";
import { createDb, type Db } from "./client";
import { ensureCaptureEndpoint } from "./repositories/capture-endpoint.repository";

let db: Db;
beforeAll(() => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run with `vitest run --project integration`.");
  db = createDb(url, 12);
});
afterAll(async () => {
  await db.$disconnect();
});

const uid = () => randomBytes(5).toString("hex");
const RECEIVED = new Date("2026-11-20T10:00:00.000Z");

async function newTenant(opts: { privacyDomains?: string[]; status?: "ACTIVE" | "SUSPENDED" } = {}) {
  const id = uid();
  return db.tenant.create({
    data: { slug: `capture-${id}`, name: `Capture ${id}`, privacyDomains: opts.privacyDomains ?? [], status: opts.status ?? "ACTIVE" },
    select: { id: true },
  });
}

/** The marketplace's HTTPS JSON, parsed as the capture route parses it. */
function httpsLead(body: Record<string, unknown>, receivedAt = RECEIVED): Lead {
  const parsed = parseHttpsPayload(body, { receivedAt });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.lead;
}

function person(overrides: Record<string, string> = {}, top: Record<string, unknown> = {}) {
  return {
    UserDetails: { FirstName: "Ada", LastName: "Lovelace", Email: `ada-${uid()}@contoso.example`, Company: "Contoso", Country: "GB", ...overrides },
    LeadSource: "AzureMarketplace",
    ActionCode: "INS",
    OfferTitle: "Contoso CRM Connector",
    ...top,
  };
}

function capture(tenantId: string, lead: Lead, extra: Partial<CaptureLeadInput> = {}) {
  return captureLead(db, {
    tenantId,
    channel: "HTTPS",
    offer: null,
    lead,
    rawBody: JSON.stringify({ note: "raw" }),
    idempotencyKey: `test:${uid()}`,
    receivedAt: RECEIVED,
    ...extra,
  });
}

async function jobCount(deliveryId: string): Promise<number> {
  const rows = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = ${`delivery:${deliveryId}`}`;
  return Number(rows[0]!.n);
}

describe("captureLead", () => {
  it("creates a lead and its touchpoint with the raw body verbatim", async () => {
    const tenant = await newTenant();
    const body = person();
    const raw = ` ${JSON.stringify(body)}\n`;
    const result = await capture(tenant.id, httpsLead(body), { rawBody: raw });

    expect(result).toMatchObject({ created: true, duplicateRequest: false });
    const lead = await db.lead.findUniqueOrThrow({ where: { id: result.leadId }, include: { touchpoints: true } });
    expect(lead).toMatchObject({
      tenantId: tenant.id,
      firstName: "Ada",
      email: body.UserDetails.Email,
      source: "AzureMarketplace",
      action: "INS",
      funnelStage: "ACTIVE",
      offerTitle: "Contoso CRM Connector",
      isTest: false,
      isPrivacyRedacted: false,
      touchpointCount: 1,
      firstReceivedAt: RECEIVED,
      lastReceivedAt: RECEIVED,
    });
    expect(lead.searchText).toBe(`ada lovelace ${body.UserDetails.Email.toLowerCase()} contoso`);
    expect(lead.dedupKey).toContain(body.UserDetails.Email.toLowerCase());
    expect(lead.touchpoints).toHaveLength(1);
    expect(lead.touchpoints[0]).toMatchObject({ id: result.touchpointId, channel: "HTTPS", rawBody: raw, funnelStage: "ACTIVE" });
  });

  it("merges Contact me then Get it now into one lead with two touchpoints, keeping the most advanced stage", async () => {
    const tenant = await newTenant();
    const email = `grace-${uid()}@navy.example`;
    const contactMe = await capture(tenant.id, httpsLead(person({ Email: email, Phone: "" }, { ActionCode: "PLT", Description: "Call me" })));
    const getItNow = await capture(
      tenant.id,
      httpsLead(person({ Email: ` ${email.toUpperCase()} `, Phone: "+1 617 555 0100", FirstName: "Grace" }, { ActionCode: "INS" }), new Date("2026-11-21T09:00:00Z")),
    );

    expect(contactMe.created).toBe(true);
    expect(getItNow).toMatchObject({ leadId: contactMe.leadId, created: false, duplicateRequest: false });
    const lead = await db.lead.findUniqueOrThrow({ where: { id: contactMe.leadId }, include: { touchpoints: { orderBy: { receivedAt: "asc" } } } });
    expect(lead).toMatchObject({
      touchpointCount: 2,
      funnelStage: "ACTIVE",
      action: "INS",
      // Kept from the first capture; only missing fields are filled.
      firstName: "Ada",
      email,
      phone: "+1 617 555 0100",
      description: "Call me",
      firstReceivedAt: RECEIVED,
      lastReceivedAt: new Date("2026-11-21T09:00:00Z"),
    });
    expect(lead.touchpoints.map((t) => [t.action, t.funnelStage])).toEqual([
      ["PLT", "INITIAL"],
      ["INS", "ACTIVE"],
    ]);

    // A later Contact me does not move an installed lead back.
    await capture(tenant.id, httpsLead(person({ Email: email }, { ActionCode: "PLT" }), new Date("2026-11-22T09:00:00Z")));
    expect(await db.lead.findUniqueOrThrow({ where: { id: contactMe.leadId } })).toMatchObject({ funnelStage: "ACTIVE", action: "INS", touchpointCount: 3 });
  });

  it("lets the person's own Contact me override a do-not-contact signal", async () => {
    const tenant = await newTenant();
    const email = `dnc-${uid()}@contoso.example`;
    const first = await capture(tenant.id, httpsLead(person({ Email: email }, { ActionCode: "DNC" })));
    expect(await db.lead.findUniqueOrThrow({ where: { id: first.leadId } })).toMatchObject({ funnelStage: "DO_NOT_CONTACT" });
    await capture(tenant.id, httpsLead(person({ Email: email }, { ActionCode: "PLT" })));
    expect(await db.lead.findUniqueOrThrow({ where: { id: first.leadId } })).toMatchObject({ funnelStage: "INITIAL", action: "PLT" });
  });

  it("stores a retried capture once: the same idempotency key returns the first ids and adds nothing", async () => {
    const tenant = await newTenant();
    await db.destination.create({ data: { tenantId: tenant.id, kind: "WEBHOOK", name: "Hook", config: {} } });
    const lead = httpsLead(person());
    const first = await capture(tenant.id, lead, { idempotencyKey: "retry-key" });
    const again = await capture(tenant.id, lead, { idempotencyKey: "retry-key" });

    expect(again).toEqual({ leadId: first.leadId, touchpointId: first.touchpointId, created: false, duplicateRequest: true });
    expect(await db.touchpoint.count({ where: { tenantId: tenant.id } })).toBe(1);
    expect(await db.delivery.count({ where: { tenantId: tenant.id } })).toBe(1);
    expect(await db.lead.findUniqueOrThrow({ where: { id: first.leadId } })).toMatchObject({ touchpointCount: 1 });
  });

  it("ends concurrent captures of one new person as one lead, and concurrent identical retries as one touchpoint", async () => {
    const tenant = await newTenant();
    const body = person();
    const results = await Promise.all(Array.from({ length: 6 }, () => capture(tenant.id, httpsLead(body))));
    expect(new Set(results.map((r) => r.leadId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const lead = await db.lead.findUniqueOrThrow({ where: { id: results[0]!.leadId } });
    expect(lead.touchpointCount).toBe(6);
    expect(await db.touchpoint.count({ where: { leadId: lead.id } })).toBe(6);

    const retryBody = person();
    const retries = await Promise.all(Array.from({ length: 5 }, () => capture(tenant.id, httpsLead(retryBody), { idempotencyKey: "same-request" })));
    expect(new Set(retries.map((r) => r.touchpointId)).size).toBe(1);
    expect(retries.filter((r) => !r.duplicateRequest)).toHaveLength(1);
    expect(await db.touchpoint.count({ where: { tenantId: tenant.id, idempotencyKey: "same-request" } })).toBe(1);
    expect(await db.lead.count({ where: { tenantId: tenant.id } })).toBe(2);
  });

  it("assigns concurrent new leads round robin, fairly, with the owner on each lead's timeline; merges and test leads take no turn", async () => {
    const tenant = await newTenant();
    const users = await Promise.all(
      [1, 2, 3].map((i) => db.user.create({ data: { email: `rr${i}-${uid()}@example.test`, name: `Member ${i}` }, select: { id: true, name: true } })),
    );
    await db.membership.createMany({ data: users.map((u) => ({ tenantId: tenant.id, userId: u.id, role: "MEMBER" as const })) });
    await db.assignmentSettings.create({ data: { tenantId: tenant.id, mode: "ROUND_ROBIN", roundRobinUserIds: users.map((u) => u.id) } });

    const results = await Promise.all(Array.from({ length: 14 }, () => capture(tenant.id, httpsLead(person()))));
    expect(results.every((r) => r.created)).toBe(true);
    const owners = await db.lead.groupBy({ by: ["ownerId"], where: { tenantId: tenant.id }, _count: true });
    const counts = owners.map((o) => o._count).sort();
    expect(owners.every((o) => o.ownerId !== null)).toBe(true);
    expect(counts).toEqual([4, 5, 5]);
    expect(await db.assignmentSettings.findUniqueOrThrow({ where: { tenantId: tenant.id } })).toMatchObject({ lastAssignedIndex: 1 });

    const lead = await db.lead.findUniqueOrThrow({ where: { id: results[0]!.leadId }, select: { ownerId: true } });
    const events = await db.timelineEvent.findMany({ where: { leadId: results[0]!.leadId, kind: "owner.changed" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ toUserId: lead.ownerId, to: users.find((u) => u.id === lead.ownerId)!.name, rule: "round_robin" });

    // The next new person takes the next turn; their second capture merges and takes none.
    const body = person();
    await capture(tenant.id, httpsLead(body));
    await capture(tenant.id, httpsLead(body));
    const settings = await db.assignmentSettings.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    expect(settings.lastAssignedIndex).toBe(2);
  });

  it("stores an .edu lead without personal data, raw body included, and never merges it", async () => {
    const tenant = await newTenant();
    const body = person({ Email: "student@cs.stanford.edu", Phone: "16175555555", Title: "Student" }, { Description: "please call" });
    const first = await capture(tenant.id, httpsLead(body), { rawBody: JSON.stringify(body) });
    const second = await capture(tenant.id, httpsLead(body), { rawBody: JSON.stringify(body) });

    expect(second.leadId).not.toBe(first.leadId);
    const lead = await db.lead.findUniqueOrThrow({ where: { id: first.leadId }, include: { touchpoints: true } });
    expect(lead).toMatchObject({
      isPrivacyRedacted: true,
      firstName: null,
      lastName: null,
      email: null,
      phone: null,
      title: null,
      description: null,
      company: "Contoso",
      country: "GB",
      dedupKey: null,
      searchText: "contoso",
    });
    expect(lead.privacyReason).toMatch(/\.edu/);
    expect(lead.touchpoints[0]).toMatchObject({ rawBody: null, extraFields: {} });
  });

  it("applies the tenant's own privacy domains (subdomains included)", async () => {
    const tenant = await newTenant({ privacyDomains: ["school.example"] });
    const redacted = await capture(tenant.id, httpsLead(person({ Email: "kid@k12.school.example" })));
    const kept = await capture(tenant.id, httpsLead(person({ Email: "teacher@other.example" })));
    expect(await db.lead.findUniqueOrThrow({ where: { id: redacted.leadId } })).toMatchObject({ isPrivacyRedacted: true, email: null });
    expect(await db.lead.findUniqueOrThrow({ where: { id: kept.leadId } })).toMatchObject({ isPrivacyRedacted: false, email: "teacher@other.example" });
    expect((await db.lead.findUniqueOrThrow({ where: { id: redacted.leadId } })).privacyReason).toMatch(/privacy list/);
  });

  it("marks the capture URL verified by Microsoft's test lead, and records the last lead", async () => {
    const tenant = await newTenant();
    const { endpoint } = await ensureCaptureEndpoint(db, tenant.id, null);
    const token = "MSFT_TEST_636573304831318844";
    const testLead = httpsLead({
      UserDetails: { FirstName: token, LastName: token, Email: `${token}@test.com`, Phone: "1234567890", Country: "US", Company: token, Title: token },
      LeadSource: "AzureMarketplace",
      ActionCode: "INS",
      OfferTitle: "Contoso",
      Description: token,
    });
    const at = new Date("2026-11-23T08:00:00Z");
    const result = await capture(tenant.id, testLead, { captureEndpointId: endpoint.id, receivedAt: at });

    expect(await db.lead.findUniqueOrThrow({ where: { id: result.leadId } })).toMatchObject({ isTest: true });
    expect(await db.captureEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ verifiedAt: at, lastLeadAt: at });

    const later = new Date("2026-11-24T08:00:00Z");
    await capture(tenant.id, httpsLead(person()), { captureEndpointId: endpoint.id, receivedAt: later });
    expect(await db.captureEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ verifiedAt: at, lastLeadAt: later });
  });

  it("queues one delivery and its job per destination in the same transaction", async () => {
    const tenant = await newTenant();
    const destination = await db.destination.create({ data: { tenantId: tenant.id, kind: "WEBHOOK", name: "Hook", config: {} } });
    const result = await capture(tenant.id, httpsLead(person()));

    const deliveries = await db.delivery.findMany({ where: { touchpointId: result.touchpointId } });
    expect(deliveries).toEqual([expect.objectContaining({ destinationId: destination.id, leadId: result.leadId, status: "PENDING" })]);
    expect(await jobCount(deliveries[0]!.id)).toBe(1);
  });

  it("stores a suspended tenant's lead with its deliveries HELD and no job", async () => {
    const tenant = await newTenant({ status: "SUSPENDED" });
    await db.destination.create({ data: { tenantId: tenant.id, kind: "WEBHOOK", name: "Hook", config: {} } });
    const result = await capture(tenant.id, httpsLead(person()));

    expect(await db.lead.count({ where: { id: result.leadId } })).toBe(1);
    const deliveries = await db.delivery.findMany({ where: { touchpointId: result.touchpointId } });
    expect(deliveries).toEqual([expect.objectContaining({ status: "HELD" })]);
    expect(await jobCount(deliveries[0]!.id)).toBe(0);
  });

  it("stores nothing when a later step fails: lead, touchpoint and deliveries are one transaction", async () => {
    const tenant = await newTenant();
    await db.destination.create({ data: { tenantId: tenant.id, kind: "WEBHOOK", name: "Hook", config: {} } });
    const body = person();
    // The capture URL's update is the last step; an endpoint that does not exist makes it fail.
    await expect(capture(tenant.id, httpsLead(body), { captureEndpointId: "no-such-endpoint" })).rejects.toThrow();
    expect(await db.lead.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await db.touchpoint.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await db.delivery.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("ties leads to the tenant's offer: by the capture URL, by publisherid.offerid, or by a title only one offer has", async () => {
    const tenant = await newTenant();
    const offer = await db.offer.create({
      data: { tenantId: tenant.id, publisherId: "contoso", offerId: "crm-connector", title: "Contoso CRM Connector", type: "SAAS" },
    });
    const byRef = httpsLead(person({}, { LeadSource: "AzureMarketplace-INS|Contoso.CRM-Connector", ActionCode: undefined, OfferTitle: undefined }));
    expect(await resolveCaptureOffer(db, tenant.id, byRef)).toMatchObject({ id: offer.id });
    expect(await resolveCaptureOffer(db, tenant.id, httpsLead(person({}, { OfferTitle: "contoso crm connector" })))).toMatchObject({ id: offer.id });
    expect(await resolveCaptureOffer(db, tenant.id, httpsLead(person({}, { OfferTitle: "Another" })))).toBeNull();
    expect(await resolveCaptureOffer(db, tenant.id, httpsLead(person({}, { OfferTitle: "Another" })), offer.id)).toMatchObject({ id: offer.id });

    // Through the offer's URL (title only) and naming the offer itself: one person, one lead.
    const email = `same-${uid()}@contoso.example`;
    const viaUrl = await capture(tenant.id, httpsLead(person({ Email: email }, { OfferTitle: "Renamed title" })), {
      offer: await resolveCaptureOffer(db, tenant.id, {}, offer.id),
    });
    const viaRef = await capture(tenant.id, httpsLead(person({ Email: email }, { LeadSource: "AzureMarketplace-PLT|contoso.crm-connector" })), {
      offer: await resolveCaptureOffer(db, tenant.id, byRef),
    });
    expect(viaRef.leadId).toBe(viaUrl.leadId);
    expect(await db.lead.findUniqueOrThrow({ where: { id: viaUrl.leadId } })).toMatchObject({ offerId: offer.id, offerRef: null, offerTitle: "Renamed title" });

    // An offer the tenant has not registered is kept as received.
    const unknown = await capture(tenant.id, httpsLead(person({}, { LeadSource: "AzureMarketplace-INS|bitnami.openedxcypress" })));
    expect(await db.lead.findUniqueOrThrow({ where: { id: unknown.leadId } })).toMatchObject({ offerId: null, offerRef: "bitnami.openedxcypress" });
  });
});
