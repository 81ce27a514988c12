import type { JsonObject } from "./json";
import type { OfferId } from "./offer";

/** Customer fields every marketplace format carries, in the docs' order. */
export const CUSTOMER_FIELDS = [
  "firstName",
  "lastName",
  "email",
  "phone",
  "country",
  "company",
  "title",
] as const;

export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

/**
 * What the customer shared. Every field is optional ("not all the data … is always
 * available"); a present value is trimmed and non-empty. Values keep the customer's own
 * spelling and case (the email too: matching uses the de-duplication key instead).
 */
export type CustomerInfo = Partial<Record<CustomerField, string>>;

/**
 * The canonical lead every format maps into and out of.
 *
 * `source` and `action` hold Microsoft's spelling when the value is known, or the received
 * text verbatim when not; whether a value is known is derived (`isKnownLeadSource`,
 * `leadFlags`) rather than stored, so it cannot disagree with the value and follows the
 * vocabulary as it grows.
 */
export interface Lead {
  customer: CustomerInfo;
  /** Marketplace that produced the lead, e.g. `AzureMarketplace`, `AppSource (SPZA)`. */
  source?: string;
  /** What the customer did, e.g. `INS`, `PLT`, `DNC`, `Create`, `StartTestDrive`. */
  action?: string;
  /** Publisher and offer ids, when the payload (or the capture URL) tells them. */
  offer?: OfferId;
  /** The offer's customer-facing title (`OfferTitle`, `OfferDisplayName`). */
  offerTitle?: string;
  /** Free text: Contact-me notes, campaign data; kept opaque. */
  description?: string;
  /** When the marketplace created the lead or, failing that, when Leadrelay received it. */
  receivedAt: Date;
  /** Microsoft's `MSFT_TEST_<ticks>` lead: proof of a working connection, not a customer. */
  isTest: boolean;
  /** Personal data was removed by a privacy rule; `privacyRedactionReason` says which. */
  isPrivacyRedacted: boolean;
  privacyRedactionReason?: string;
  /** Input fields no format knows, kept verbatim so nothing the marketplace adds is lost. */
  extraFields: JsonObject;
}
