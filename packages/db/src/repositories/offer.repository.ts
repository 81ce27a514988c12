import type { DbTx } from "../client";
import type { Prisma } from "../generated/prisma/client";
import type { OfferType } from "../generated/prisma/enums";

export interface OfferDto {
  id: string;
  publisherId: string;
  offerId: string;
  title: string;
  type: OfferType;
  listedAsContactMe: boolean;
  hasTestDrive: boolean;
  /** The member who gets the offer's new leads when assignment is "by offer"; null: none. */
  defaultOwnerId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CreateOfferInput {
  publisherId: string;
  offerId: string;
  title: string;
  type: OfferType;
  listedAsContactMe?: boolean;
  hasTestDrive?: boolean;
  /** Must be a member of the tenant (the caller checks). */
  defaultOwnerId?: string | null;
}

export type UpdateOfferInput = Partial<CreateOfferInput>;

/** What makes an offer ready to receive leads, besides its own settings. */
export interface OfferReadinessFacts {
  /** ACTIVE destinations the offer's leads go to (its own, else the tenant-wide defaults). */
  activeDestinationCount: number;
  /** When a Microsoft test lead for this offer last came through a capture URL; null if never. */
  captureVerifiedAt: Date | null;
}

export const offerSelect = {
  id: true,
  publisherId: true,
  offerId: true,
  title: true,
  type: true,
  listedAsContactMe: true,
  hasTestDrive: true,
  defaultOwnerId: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.OfferSelect;

/** Publisher and offer ids are stored lower-cased (Partner Center ids are), so lookups ignore case. */
const normaliseId = (value: string) => value.trim().toLowerCase();

export class OfferRepository {
  constructor(private readonly db: DbTx) {}

  list(tenantId: string): Promise<OfferDto[]> {
    return this.db.offer.findMany({ where: { tenantId }, orderBy: [{ title: "asc" }, { id: "asc" }], select: offerSelect });
  }

  findById(tenantId: string, id: string): Promise<OfferDto | null> {
    return this.db.offer.findFirst({ where: { id, tenantId }, select: offerSelect });
  }

  findByRef(tenantId: string, ref: { publisherId: string; offerId: string }): Promise<OfferDto | null> {
    return this.db.offer.findUnique({
      where: { tenantId_publisherId_offerId: { tenantId, publisherId: normaliseId(ref.publisherId), offerId: normaliseId(ref.offerId) } },
      select: offerSelect,
    });
  }

  /**
   * The tenant's offer a lead is about: by `publisherid.offerid` when the lead carries it,
   * else by title when exactly one offer has it (the HTTPS format names the offer only by
   * its display title; two offers with one title are ambiguous, so neither is chosen).
   */
  async findForLead(tenantId: string, lead: { offer?: { publisherId: string; offerId: string }; offerTitle?: string }): Promise<OfferDto | null> {
    if (lead.offer) return this.findByRef(tenantId, lead.offer);
    const title = lead.offerTitle?.trim();
    if (!title) return null;
    const matches = await this.db.offer.findMany({
      where: { tenantId, title: { equals: title, mode: "insensitive" } },
      take: 2,
      select: offerSelect,
    });
    return matches.length === 1 ? matches[0]! : null;
  }

  /** Throws Prisma's P2002 when the tenant already has this `publisherid.offerid`. */
  create(tenantId: string, input: CreateOfferInput): Promise<OfferDto> {
    return this.db.offer.create({
      data: {
        tenantId,
        publisherId: normaliseId(input.publisherId),
        offerId: normaliseId(input.offerId),
        title: input.title.trim(),
        type: input.type,
        listedAsContactMe: input.listedAsContactMe ?? false,
        hasTestDrive: input.hasTestDrive ?? false,
        defaultOwnerId: input.defaultOwnerId ?? null,
      },
      select: offerSelect,
    });
  }

  /** Null when the offer is not the tenant's. Throws P2002 when the new ids are taken. */
  async update(tenantId: string, id: string, input: UpdateOfferInput): Promise<OfferDto | null> {
    const { count } = await this.db.offer.updateMany({
      where: { id, tenantId },
      data: {
        ...(input.publisherId !== undefined ? { publisherId: normaliseId(input.publisherId) } : {}),
        ...(input.offerId !== undefined ? { offerId: normaliseId(input.offerId) } : {}),
        ...(input.title !== undefined ? { title: input.title.trim() } : {}),
        ...(input.type !== undefined ? { type: input.type } : {}),
        ...(input.listedAsContactMe !== undefined ? { listedAsContactMe: input.listedAsContactMe } : {}),
        ...(input.hasTestDrive !== undefined ? { hasTestDrive: input.hasTestDrive } : {}),
        ...(input.defaultOwnerId !== undefined ? { defaultOwnerId: input.defaultOwnerId } : {}),
      },
    });
    return count === 0 ? null : this.findById(tenantId, id);
  }

  /** When someone leaves the tenant, the offers they were default owner of get none (by-offer assignment falls back). */
  async clearDefaultOwner(tenantId: string, userId: string): Promise<number> {
    const { count } = await this.db.offer.updateMany({ where: { tenantId, defaultOwnerId: userId }, data: { defaultOwnerId: null } });
    return count;
  }

  /** The offer's default owner id (null: none, or not the tenant's offer). */
  async defaultOwnerId(tenantId: string, id: string): Promise<string | null> {
    const row = await this.db.offer.findFirst({ where: { id, tenantId }, select: { defaultOwnerId: true } });
    return row?.defaultOwnerId ?? null;
  }

  /** Leads per offer, for the offer's own page (one indexed count). */
  leadCount(tenantId: string, offerId: string): Promise<number> {
    return this.db.lead.count({ where: { tenantId, offerId } });
  }

  /**
   * Readiness facts for many offers in three queries. A destination counts when ACTIVE;
   * an offer with none of its own uses the tenant-wide ones, as delivery does. A capture
   * URL counts as verified for an offer once a test lead for that offer came through one.
   */
  async readinessFacts(tenantId: string, offerIds: string[]): Promise<Map<string, OfferReadinessFacts>> {
    const facts = new Map<string, OfferReadinessFacts>(offerIds.map((id) => [id, { activeDestinationCount: 0, captureVerifiedAt: null }]));
    if (offerIds.length === 0) return facts;

    const destinations = await this.db.destination.groupBy({
      by: ["offerId"],
      where: { tenantId, state: "ACTIVE", OR: [{ offerId: null }, { offerId: { in: offerIds } }] },
      _count: { _all: true },
    });
    const tenantWide = destinations.find((d) => d.offerId === null)?._count._all ?? 0;
    const own = new Map(destinations.filter((d) => d.offerId !== null).map((d) => [d.offerId!, d._count._all]));

    const verified = await this.db.touchpoint.groupBy({
      by: ["leadId"],
      where: { tenantId, isTest: true, captureEndpointId: { not: null }, lead: { offerId: { in: offerIds } } },
      _max: { receivedAt: true },
    });
    const verifiedLeads = verified.length
      ? await this.db.lead.findMany({ where: { tenantId, id: { in: verified.map((v) => v.leadId) } }, select: { id: true, offerId: true } })
      : [];
    const offerOfLead = new Map(verifiedLeads.map((l) => [l.id, l.offerId]));

    for (const [id, fact] of facts) fact.activeDestinationCount = own.get(id) ?? tenantWide;
    for (const row of verified) {
      const fact = facts.get(offerOfLead.get(row.leadId) ?? "");
      const at = row._max.receivedAt;
      if (fact && at && (!fact.captureVerifiedAt || at > fact.captureVerifiedAt)) fact.captureVerifiedAt = at;
    }
    return facts;
  }
}
