import type { OfferView } from "~/components/destinations/types";

export type OfferType = OfferView["type"];

/** Partner Center's offer types, in the order its "New offer" menu lists them. */
export const OFFER_TYPES: OfferType[] = [
  "SAAS",
  "AZURE_APPLICATION",
  "AZURE_VIRTUAL_MACHINE",
  "AZURE_CONTAINER",
  "CONSULTING_SERVICE",
  "MANAGED_SERVICE",
  "DYNAMICS_365_CUSTOMER_ENGAGEMENT",
  "DYNAMICS_365_OPERATIONS",
  "DYNAMICS_365_BUSINESS_CENTRAL",
  "POWER_BI_APP",
  "IOT_EDGE_MODULE",
  "OTHER",
];

// Fails to compile when the backend gains an offer type this list lacks.
const everyTypeListed: Exclude<OfferType, (typeof OFFER_TYPES)[number]> extends never ? true : never = true;
void everyTypeListed;

export type RequirementReason = "testDrive" | "saasContactMe" | "d365ceContactMe" | "d365Operations" | "businessCentral" | "consulting";

/**
 * Why Partner Center requires a lead destination for the offer (the same rule as the
 * offers router's `destinationRequirement`), as a message key; null when it is optional.
 */
export function requirementReason(offer: { type: OfferType; listedAsContactMe: boolean; hasTestDrive: boolean }): RequirementReason | null {
  if (offer.hasTestDrive) return "testDrive";
  switch (offer.type) {
    case "SAAS":
      return offer.listedAsContactMe ? "saasContactMe" : null;
    case "DYNAMICS_365_CUSTOMER_ENGAGEMENT":
      return offer.listedAsContactMe ? "d365ceContactMe" : null;
    case "DYNAMICS_365_OPERATIONS":
      return "d365Operations";
    case "DYNAMICS_365_BUSINESS_CENTRAL":
      return "businessCentral";
    case "CONSULTING_SERVICE":
      return "consulting";
    default:
      return null;
  }
}

/** Offer types for which "Contact me" changes the rule. */
export const CONTACT_ME_MATTERS: OfferType[] = ["SAAS", "DYNAMICS_365_CUSTOMER_ENGAGEMENT"];
