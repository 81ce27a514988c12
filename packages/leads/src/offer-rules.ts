/**
 * Partner Center's rule for which offers must have a lead destination before publishing
 * (domain.md, "Which offers must have a destination"): SaaS and Dynamics 365 Customer
 * Engagement offers listed with Contact me, every Dynamics 365 Operations, Business Central
 * and Consulting service offer, and any offer with a test drive. Optional for the rest.
 *
 * Offer types are spelled as the database stores them; the API and the web app check at
 * compile time that their lists match.
 */

/** Partner Center's offer types, in the order its "New offer" menu lists them. */
export const OFFER_TYPES = [
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
] as const;

export type OfferTypeName = (typeof OFFER_TYPES)[number];

/** The offer types this rule names; any other type has an optional destination. */
export type RuledOfferType =
  | "SAAS"
  | "DYNAMICS_365_CUSTOMER_ENGAGEMENT"
  | "DYNAMICS_365_OPERATIONS"
  | "DYNAMICS_365_BUSINESS_CENTRAL"
  | "CONSULTING_SERVICE";

export interface DestinationRuleFacts {
  type: string;
  listedAsContactMe: boolean;
  hasTestDrive: boolean;
}

/** Why a destination is required, as a key the UI translates. */
export type DestinationRequirementReason = "testDrive" | "saasContactMe" | "d365ceContactMe" | "d365Operations" | "businessCentral" | "consulting";

/** The reasons in English, for the API's `destinationRequirement` text. */
export const DESTINATION_REQUIREMENT_MESSAGES: Record<DestinationRequirementReason, string> = {
  testDrive: "Offers with a test drive must have a lead destination.",
  saasContactMe: "SaaS offers listed with Contact me must have a lead destination.",
  d365ceContactMe: "Dynamics 365 Customer Engagement offers listed with Contact me must have a lead destination.",
  d365Operations: "Every Dynamics 365 Operations offer must have a lead destination.",
  businessCentral: "Every Dynamics 365 Business Central offer must have a lead destination.",
  consulting: "Every Consulting service offer must have a lead destination.",
};

/** Offer types for which listing with Contact me changes the rule. */
export const CONTACT_ME_MATTERS = ["SAAS", "DYNAMICS_365_CUSTOMER_ENGAGEMENT"] as const satisfies readonly RuledOfferType[];

/** Why Partner Center requires a lead destination for the offer; null when it is optional. */
export function destinationRequirementReason(offer: DestinationRuleFacts): DestinationRequirementReason | null {
  if (offer.hasTestDrive) return "testDrive";
  switch (offer.type as RuledOfferType) {
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

/** The rule's reason in English, or null when a destination is optional. */
export function destinationRequirement(offer: DestinationRuleFacts): string | null {
  const reason = destinationRequirementReason(offer);
  return reason && DESTINATION_REQUIREMENT_MESSAGES[reason];
}
