/**
 * Test helpers for the follow-up and insights integration tests: leads and offers written
 * straight to the database (the capture pipeline has its own tests), so each test sets
 * exactly the follow-up state it needs.
 */
import type { Prisma } from "@leadrelay/db";
import { db, uid } from "../../test/factories";

export type TestLeadOverrides = Omit<Partial<Prisma.LeadUncheckedCreateInput>, "tenantId">;

export async function createTestLead(tenantId: string, overrides: TestLeadOverrides = {}) {
  const id = uid();
  const receivedAt = overrides.firstReceivedAt ?? new Date();
  return db().lead.create({
    data: {
      tenantId,
      firstName: "Ada",
      lastName: `Lovelace ${id}`,
      email: `ada-${id}@contoso.example`,
      company: "Contoso",
      source: "AzureMarketplace",
      action: "INS",
      funnelStage: "ACTIVE",
      firstReceivedAt: receivedAt,
      lastReceivedAt: overrides.lastReceivedAt ?? receivedAt,
      searchText: `ada lovelace ${id} ada-${id}@contoso.example contoso`,
      ...overrides,
    },
  });
}

/** A do-not-contact lead, as Microsoft's DNC action makes one. */
export function createDncLead(tenantId: string, overrides: TestLeadOverrides = {}) {
  return createTestLead(tenantId, { action: "DNC", funnelStage: "DO_NOT_CONTACT", ...overrides });
}

export function createTestOffer(tenantId: string, title = `Offer ${uid()}`) {
  return db().offer.create({ data: { tenantId, publisherId: "contoso", offerId: `offer-${uid()}`, title, type: "SAAS" } });
}

export function leadRow(id: string) {
  return db().lead.findUniqueOrThrow({ where: { id } });
}

export function timelineOf(leadId: string) {
  return db().timelineEvent.findMany({ where: { leadId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

export const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000);
export const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
