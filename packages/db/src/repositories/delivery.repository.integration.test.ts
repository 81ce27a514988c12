/**
 * The destination and delivery repositories against PostgreSQL with graphile-worker's
 * schema: tenant scoping, holding and releasing with their jobs, the rescue of stranded
 * deliveries. In a database of its own, since the rescue looks at every tenant's rows.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../client";
import { createDatabase, dropDatabase, migrate } from "../migrate";
import { DeliveryRepository, releaseHeldDeliveries } from "./delivery.repository";
import { queueDeliveries } from "./delivery-outbox";
import { DestinationRepository } from "./destination.repository";

const uid = () => randomBytes(5).toString("hex");
let db: Db;
let adminUrl: string;
let name: string;

beforeAll(async () => {
  const shared = new URL(process.env.DATABASE_URL!);
  shared.pathname = "/postgres";
  adminUrl = shared.toString();
  name = `leadrelay_repo_${Date.now().toString(36)}_${uid()}`;
  await createDatabase(adminUrl, name);
  shared.pathname = `/${name}`;
  await migrate(shared.toString());
  db = createDb(shared.toString(), 3);
});

afterAll(async () => {
  await db?.$disconnect();
  await dropDatabase(adminUrl, name);
});

async function tenantWithDestination() {
  const tenant = await db.tenant.create({ data: { name: `T ${uid()}`, slug: `t-${uid()}` } });
  const destination = await new DestinationRepository(db).create({
    tenantId: tenant.id,
    offerId: null,
    kind: "WEBHOOK",
    name: "Hook",
    config: { url: "https://leads.example.com/in" },
    secretsCiphertext: null,
  });
  return { tenantId: tenant.id, destinationId: destination.id };
}

async function capture(tenantId: string, firstName = "Ada") {
  return db.$transaction(async (tx) => {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    const offer = await tx.offer.create({ data: { tenantId, publisherId: "contoso", offerId: `o-${uid()}`, title: "Contoso Analytics", type: "SAAS" } });
    const at = new Date();
    const lead = await tx.lead.create({
      data: { tenantId, offerId: offer.id, firstName, email: `${uid()}@contoso.example`, source: "AzureMarketplace", action: "PLT", funnelStage: "INITIAL", firstReceivedAt: at, lastReceivedAt: at },
    });
    const touchpoint = await tx.touchpoint.create({
      data: { tenantId, leadId: lead.id, channel: "HTTPS", source: "AzureMarketplace", action: "INS", funnelStage: "ACTIVE", idempotencyKey: uid(), extraFields: { a: 1 } },
    });
    const [deliveryId] = await queueDeliveries(tx, { tenantId, leadId: lead.id, touchpointId: touchpoint.id, offerId: offer.id, tenantSuspended: tenant.status === "SUSPENDED" });
    return { leadId: lead.id, deliveryId: deliveryId!, offer };
  });
}

const job = async (deliveryId: string) =>
  (await db.$queryRaw<{ queue_name: string | null }[]>`SELECT queue_name FROM graphile_worker.jobs WHERE key = ${`delivery:${deliveryId}`}`)[0] ?? null;
const status = async (id: string) => (await db.delivery.findUniqueOrThrow({ where: { id } })).status;
const age = (id: string) => db.$executeRaw`UPDATE "Delivery" SET "updatedAt" = now() - interval '1 hour' WHERE id = ${id}`;

describe("DeliveryRepository.loadWorkItem", () => {
  it("reads the delivery, its destination, the tenant's status and the canonical lead in one go", async () => {
    const { tenantId, destinationId } = await tenantWithDestination();
    const { deliveryId, leadId, offer } = await capture(tenantId, "Grace");
    const item = await new DeliveryRepository(db).loadWorkItem(deliveryId);
    expect(item).toMatchObject({
      id: deliveryId,
      tenantId,
      leadId,
      tenantStatus: "ACTIVE",
      status: "PENDING",
      attemptCount: 0,
      destination: { id: destinationId, kind: "WEBHOOK", config: { url: "https://leads.example.com/in" }, state: "ACTIVE" },
      lead: { customer: { firstName: "Grace" }, source: "AzureMarketplace", action: "INS", offer: { publisherId: "contoso", offerId: offer.offerId }, offerTitle: "Contoso Analytics", extraFields: { a: 1 } },
    });
    expect(await new DeliveryRepository(db).loadWorkItem("no-such-delivery")).toBeNull();
  });
});

describe("DestinationRepository", () => {
  it("finds, changes and deletes only within the tenant", async () => {
    const a = await tenantWithDestination();
    const b = await tenantWithDestination();
    const destinations = new DestinationRepository(db);
    expect(await destinations.findById(b.tenantId, a.destinationId)).toBeNull();
    expect(await destinations.update(b.tenantId, a.destinationId, { name: "Hijacked" })).toBeNull();
    expect(await destinations.stop(b.tenantId, a.destinationId, "PAUSED")).toBeNull();
    expect(await destinations.start(b.tenantId, a.destinationId)).toBeNull();
    expect(await destinations.delete(b.tenantId, a.destinationId)).toBe(false);
    expect(await destinations.findById(a.tenantId, a.destinationId)).toMatchObject({ name: "Hook", state: "ACTIVE", hasSecrets: false });
    expect((await destinations.list(b.tenantId)).map((d) => d.id)).toEqual([b.destinationId]);
  });

  it("stop holds queued deliveries without jobs; start releases them unless the tenant is suspended", async () => {
    const { tenantId, destinationId } = await tenantWithDestination();
    const { deliveryId } = await capture(tenantId);
    const destinations = new DestinationRepository(db);
    await expect(destinations.stop(tenantId, destinationId, "PAUSED")).resolves.toEqual({ held: 1 });
    expect([await status(deliveryId), await job(deliveryId)]).toEqual(["HELD", null]);

    await db.tenant.update({ where: { id: tenantId }, data: { status: "SUSPENDED" } });
    await expect(destinations.start(tenantId, destinationId)).resolves.toEqual({ released: 0 });
    expect(await status(deliveryId)).toBe("HELD");

    await db.tenant.update({ where: { id: tenantId }, data: { status: "ACTIVE" } });
    await expect(releaseHeldDeliveries(db, tenantId)).resolves.toBe(1);
    expect([await status(deliveryId), await job(deliveryId)]).toEqual(["PENDING", { queue_name: `destination:${destinationId}` }]);
    expect((await destinations.statusCounts(tenantId, [destinationId])).get(destinationId)).toMatchObject({ PENDING: 1, HELD: 0 });
  });
});

describe("DeliveryRepository.requeueStranded", () => {
  it("queues again what should be moving but is not, and leaves everything else alone", async () => {
    const running = await tenantWithDestination();
    const paused = await tenantWithDestination();
    // HELD although its destination runs (captured just as the destination was resumed).
    const heldByRace = (await capture(running.tenantId)).deliveryId;
    await db.$executeRaw`SELECT graphile_worker.remove_job(${`delivery:${heldByRace}`})`;
    await db.delivery.update({ where: { id: heldByRace }, data: { status: "HELD" } });
    // PENDING whose job failed for good.
    const deadJob = (await capture(running.tenantId)).deliveryId;
    await db.$executeRaw`UPDATE graphile_worker._private_jobs SET attempts = max_attempts WHERE key = ${`delivery:${deadJob}`}`;
    // Fine as they are: PENDING with a live job; HELD for a paused destination; a fresh HELD row.
    const healthy = (await capture(running.tenantId)).deliveryId;
    const heldForPause = (await capture(paused.tenantId)).deliveryId;
    await new DestinationRepository(db).stop(paused.tenantId, paused.destinationId, "PAUSED");
    const fresh = (await capture(running.tenantId)).deliveryId;
    await db.$executeRaw`SELECT graphile_worker.remove_job(${`delivery:${fresh}`})`;
    await db.delivery.update({ where: { id: fresh }, data: { status: "HELD" } });
    for (const id of [heldByRace, deadJob, healthy, heldForPause]) await age(id);

    const queued = await db.$transaction((tx) => new DeliveryRepository(tx).requeueStranded(new Date(Date.now() - 60_000)));
    expect(queued).toBe(2);
    expect(await status(heldByRace)).toBe("PENDING");
    expect(await job(heldByRace)).toEqual({ queue_name: `destination:${running.destinationId}` });
    expect(await status(deadJob)).toBe("PENDING");
    expect(await job(deadJob)).toEqual({ queue_name: `destination:${running.destinationId}` });
    expect(await job(healthy)).toEqual({ queue_name: null });
    expect(await status(heldForPause)).toBe("HELD");
    expect(await status(fresh)).toBe("HELD");
  });
});
