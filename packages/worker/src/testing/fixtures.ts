import { randomBytes } from "node:crypto";
import { encryptJson } from "@leadrelay/crypto";
import { DestinationRepository, queueDeliveries, type Db, type DestinationDto, type DestinationKind, type Prisma } from "@leadrelay/db";

const uid = () => randomBytes(5).toString("hex");

export interface CapturedLead {
  leadId: string;
  touchpointId: string;
  deliveryIds: string[];
}

/**
 * Stores a lead and its touchpoint and queues its deliveries the way capture does (one
 * transaction, `queueDeliveries` from the outbox), for tests of what happens after.
 */
export async function captureTestLead(
  db: Db,
  input: { tenantId: string; offerId?: string | null; firstName?: string; email?: string; company?: string; receivedAt?: Date },
): Promise<CapturedLead> {
  const receivedAt = input.receivedAt ?? new Date();
  const firstName = input.firstName ?? `Ada ${uid()}`;
  const email = input.email ?? `ada-${uid()}@contoso.example`;
  return db.$transaction(async (tx) => {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: input.tenantId }, select: { status: true } });
    const lead = await tx.lead.create({
      data: {
        tenantId: input.tenantId,
        offerId: input.offerId ?? null,
        offerTitle: "Contoso Analytics",
        firstName,
        lastName: "Lovelace",
        email,
        phone: "+44 20 7946 0000",
        country: "GB",
        company: input.company ?? "Contoso",
        title: "CTO",
        source: "AzureMarketplace",
        action: "INS",
        funnelStage: "ACTIVE",
        description: "Interested in the enterprise plan",
        firstReceivedAt: receivedAt,
        lastReceivedAt: receivedAt,
      },
      select: { id: true },
    });
    const touchpoint = await tx.touchpoint.create({
      data: {
        tenantId: input.tenantId,
        leadId: lead.id,
        channel: "HTTPS",
        source: "AzureMarketplace",
        action: "INS",
        funnelStage: "ACTIVE",
        receivedAt,
        idempotencyKey: `test-${uid()}`,
        extraFields: { CampaignId: "spring" },
      },
      select: { id: true },
    });
    const deliveryIds = await queueDeliveries(tx, {
      tenantId: input.tenantId,
      leadId: lead.id,
      touchpointId: touchpoint.id,
      offerId: input.offerId ?? null,
      tenantSuspended: tenant.status === "SUSPENDED",
    });
    return { leadId: lead.id, touchpointId: touchpoint.id, deliveryIds };
  });
}

/** A destination stored as the API stores it (secrets encrypted), without going through the API. */
export async function createTestDestination(
  db: Db,
  input: { tenantId: string; kind?: DestinationKind; name?: string; offerId?: string | null; config: Prisma.InputJsonObject; secrets?: Record<string, unknown> },
): Promise<DestinationDto> {
  return new DestinationRepository(db).create({
    tenantId: input.tenantId,
    offerId: input.offerId ?? null,
    kind: input.kind ?? "WEBHOOK",
    name: input.name ?? `Test destination ${uid()}`,
    config: input.config,
    secretsCiphertext: input.secrets ? encryptJson(input.secrets) : null,
  });
}

/** A tenant with an owner, straight in the database (worker tests need no sign-up). */
export async function createTestTenant(db: Db, label = "publisher"): Promise<{ tenantId: string; ownerEmail: string }> {
  const ownerEmail = `${label}-owner-${uid()}@example.test`;
  const tenant = await db.tenant.create({
    data: {
      name: `${label} ${uid()}`,
      slug: `${label}-${uid()}`,
      memberships: { create: { role: "OWNER", user: { create: { email: ownerEmail, name: "Owner" } } } },
    },
    select: { id: true },
  });
  return { tenantId: tenant.id, ownerEmail };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
