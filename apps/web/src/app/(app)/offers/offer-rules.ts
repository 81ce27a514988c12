import {
  CONTACT_ME_MATTERS as CONTACT_ME_OFFER_TYPES,
  OFFER_TYPES as DOMAIN_OFFER_TYPES,
  destinationRequirementReason,
  type DestinationRequirementReason,
} from "@leadrelay/leads";
import type { OfferView } from "~/components/destinations/types";

export type OfferType = OfferView["type"];

/** Partner Center's offer types, in the order its "New offer" menu lists them. */
export const OFFER_TYPES: OfferType[] = [...DOMAIN_OFFER_TYPES];

// Fails to compile when the backend gains an offer type this list lacks.
const everyTypeListed: Exclude<OfferType, (typeof OFFER_TYPES)[number]> extends never ? true : never = true;
void everyTypeListed;

/**
 * Why Partner Center requires a lead destination for the offer, as a message key (`rule.*`);
 * null when it is optional. The rule lives in @leadrelay/leads, shared with the offers router.
 */
export type RequirementReason = DestinationRequirementReason;
export const requirementReason: (offer: { type: OfferType; listedAsContactMe: boolean; hasTestDrive: boolean }) => RequirementReason | null =
  destinationRequirementReason;

/** Offer types for which "Contact me" changes the rule. */
export const CONTACT_ME_MATTERS: readonly OfferType[] = CONTACT_ME_OFFER_TYPES;
