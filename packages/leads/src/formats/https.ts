import { describeType, readKnownFields, readText, toJsonFields } from "../field-reader";
import { finishInboundLead, type InboundContext } from "../inbound";
import { isPlainObject, type JsonValue } from "../json";
import type { CustomerInfo, Lead } from "../lead";
import { ParseDiagnostics, type ParseResult } from "../parse-result";
import {
  marketplaceCustomerFields,
  marketplaceLeadSource,
  MARKETPLACE_CUSTOMER_KEYS,
  readMarketplaceCustomer,
} from "./marketplace-fields";
import { extrasWithout } from "./reserved-keys";

/**
 * The marketplace's HTTPS-endpoint format: one JSON object per lead, POSTed to the
 * publisher's URL (here: Leadrelay's capture endpoint).
 *
 * ```json
 * { "UserDetails": { "FirstName": "…", "LastName": "…", "Email": "…", "Phone": "…",
 *                    "Country": "…", "Company": "…", "Title": "…" },
 *   "LeadSource": "AzureMarketplace", "ActionCode": "INS", "OfferTitle": "…", "Description": "…" }
 * ```
 */

const TOP_LEVEL_KEYS = [
  "UserDetails",
  "LeadSource",
  "ActionCode",
  "OfferTitle",
  "Description",
] as const;

export interface HttpsUserDetails {
  [extraField: string]: JsonValue;
  FirstName: string;
  LastName: string;
  Email: string;
  Phone: string;
  Country: string;
  Company: string;
  Title: string;
}

export interface HttpsLeadPayload {
  [extraField: string]: JsonValue;
  UserDetails: HttpsUserDetails;
  LeadSource: string;
  ActionCode: string;
  OfferTitle: string;
  Description: string;
}

/**
 * Parses one HTTPS-endpoint body (already JSON-decoded).
 *
 * Keys match without regard to case at every level (`UserDetails`/`userDetails`/
 * `userdetails` all occur). Every value may be missing, empty or null; unknown fields are
 * kept in `extraFields` (those inside `UserDetails` under `extraFields.UserDetails`).
 *
 * Required: an object whose `LeadSource` names a source or an offer, or with at least one
 * `UserDetails` field. Every documented body, the oldest included, has `LeadSource`; a body
 * with neither tells nothing about who came from where: a misconfigured sender (or a
 * probe), worth a 4xx rather than an empty lead. All else is optional.
 */
export function parseHttpsPayload(json: unknown, context: InboundContext): ParseResult {
  const diagnostics = new ParseDiagnostics();
  if (!isPlainObject(json)) {
    diagnostics.fail(
      "$",
      `Expected a JSON object with UserDetails and LeadSource, got ${describeType(json)}`,
    );
    return diagnostics.failure();
  }

  const { known, extras } = readKnownFields(json, TOP_LEVEL_KEYS, "$", diagnostics);
  const userDetailsPath = "$.UserDetails";
  let customer: CustomerInfo = {};
  let userDetailsExtras: [string, unknown][] = [];
  if (isPlainObject(known.UserDetails)) {
    ({ customer, extras: userDetailsExtras } = readMarketplaceCustomer(
      known.UserDetails,
      userDetailsPath,
      diagnostics,
    ));
  } else if (known.UserDetails !== undefined && known.UserDetails !== null) {
    diagnostics.fail(
      userDetailsPath,
      `Expected an object of customer details (or null), got ${describeType(known.UserDetails)}`,
    );
  }

  const leadSource = readText(known.LeadSource, "$.LeadSource", diagnostics);
  const actionCode = readText(known.ActionCode, "$.ActionCode", diagnostics);
  const offerTitle = readText(known.OfferTitle, "$.OfferTitle", diagnostics);
  const description = readText(known.Description, "$.Description", diagnostics);
  const extraFields = toJsonFields(extras, "$", diagnostics);
  const customerExtras = toJsonFields(userDetailsExtras, userDetailsPath, diagnostics);
  if (Object.keys(customerExtras).length > 0) {
    extraFields.UserDetails = customerExtras;
  }

  return finishInboundLead(
    {
      customer,
      leadSource,
      actionCode,
      offerTitle,
      description,
      receivedAt: context.receivedAt,
      extraFields,
      paths: { leadSource: "$.LeadSource", actionCode: "$.ActionCode", offerTitle: "$.OfferTitle" },
    },
    diagnostics,
    "The body carries no lead: expected a LeadSource naming the source or offer, or at least one UserDetails field (FirstName, LastName, Email, Phone, Country, Company, Title)",
  );
}

/** The same, from the raw request body; invalid JSON is reported like any other error. */
export function parseHttpsPayloadText(body: string, context: InboundContext): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ path: "$", message: `The body is not valid JSON: ${reason}` }] };
  }
  return parseHttpsPayload(json, context);
}

/**
 * The lead as the marketplace would POST it. Every documented field is present, empty
 * when unknown, so flows built on Microsoft's schema find each property. `LeadSource` is
 * the bare source unless an offer id is known: then it is `Source-Action|publisher.offer`,
 * the only place this format can carry the id.
 */
export function toHttpsPayload(lead: Lead): HttpsLeadPayload {
  const customerExtras = lead.extraFields.UserDetails;
  const userDetails: HttpsUserDetails = {
    ...marketplaceCustomerFields(lead.customer),
    ...Object.fromEntries(
      isPlainObject(customerExtras) ? extrasWithout(customerExtras, MARKETPLACE_CUSTOMER_KEYS) : [],
    ),
  } as HttpsUserDetails;
  return {
    UserDetails: userDetails,
    LeadSource: marketplaceLeadSource(lead) ?? "",
    ActionCode: lead.action ?? "",
    OfferTitle: lead.offerTitle ?? "",
    Description: lead.description ?? "",
    ...Object.fromEntries(extrasWithout(lead.extraFields, TOP_LEVEL_KEYS)),
  };
}
