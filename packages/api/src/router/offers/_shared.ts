import { MembershipRepository, OfferRepository, type DbTx, type OfferDto, type OfferReadinessFacts } from "@leadrelay/db";
import { destinationRequirement } from "@leadrelay/leads";
import { appError } from "../../errors";

/**
 * An offer as the UI and API show it. `ready`: leads for it will be kept somewhere, i.e.
 * an ACTIVE destination takes them, or a capture URL was proven by Microsoft's test lead
 * (then Leadrelay itself is the destination Partner Center points at).
 */
export function toOfferView(offer: OfferDto, facts: OfferReadinessFacts | undefined) {
  const requirement = destinationRequirement(offer);
  const activeDestinationCount = facts?.activeDestinationCount ?? 0;
  const captureVerifiedAt = facts?.captureVerifiedAt ?? null;
  return {
    ...offer,
    ref: `${offer.publisherId}.${offer.offerId}`,
    destinationRequired: requirement !== null,
    destinationRequirement: requirement,
    activeDestinationCount,
    captureVerifiedAt,
    ready: activeDestinationCount > 0 || captureVerifiedAt !== null,
  };
}

export type OfferView = ReturnType<typeof toOfferView>;

export async function offerView(db: DbTx, tenantId: string, offer: OfferDto): Promise<OfferView> {
  const facts = await new OfferRepository(db).readinessFacts(tenantId, [offer.id]);
  return toOfferView(offer, facts.get(offer.id));
}

/** The tenant's offer, or NOT_FOUND (another tenant's id finds nothing). */
export async function requireOffer(db: DbTx, tenantId: string, id: string): Promise<OfferDto> {
  const offer = await new OfferRepository(db).findById(tenantId, id);
  if (!offer) throw appError("NOT_FOUND", "offerNotFound", "No such offer in this publisher account.");
  return offer;
}

/** An offer's default owner must be a member of the tenant (another tenant's user id is refused). */
export async function requireDefaultOwner(db: DbTx, tenantId: string, userId: string | null | undefined): Promise<void> {
  if (!userId) return;
  if (!(await new MembershipRepository(db).findRole(tenantId, userId))) {
    throw appError("NOT_FOUND", "memberNotFound", "The default owner must be a member of this publisher account.");
  }
}

export const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === "P2002";

export const offerTakenError = (ref: string) =>
  appError("CONFLICT", "offerExists", `This publisher account already has the offer ${ref}. Open it to change its settings.`);
