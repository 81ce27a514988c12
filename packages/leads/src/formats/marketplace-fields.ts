import { readKnownFields, readText } from "../field-reader";
import { CUSTOMER_FIELDS, type CustomerField, type CustomerInfo, type Lead } from "../lead";
import { formatLeadSource } from "../lead-source";
import { childPath, type ParseDiagnostics } from "../parse-result";
import { withoutUndefined } from "../text";

/** Field names inside `UserDetails`; the Azure Table `CustomerInfo` JSON uses the same. */
export const MARKETPLACE_CUSTOMER_FIELD_NAMES = {
  firstName: "FirstName",
  lastName: "LastName",
  email: "Email",
  phone: "Phone",
  country: "Country",
  company: "Company",
  title: "Title",
} as const satisfies Record<CustomerField, string>;

export const MARKETPLACE_CUSTOMER_KEYS = CUSTOMER_FIELDS.map(
  (field) => MARKETPLACE_CUSTOMER_FIELD_NAMES[field],
);

/** Reads the seven customer fields of `UserDetails` or `CustomerInfo` (any key casing). */
export function readMarketplaceCustomer(
  record: Record<string, unknown>,
  path: string,
  diagnostics: ParseDiagnostics,
): { customer: CustomerInfo; extras: [string, unknown][] } {
  const { known, extras } = readKnownFields(record, MARKETPLACE_CUSTOMER_KEYS, path, diagnostics);
  const customer: CustomerInfo = withoutUndefined(
    Object.fromEntries(
      CUSTOMER_FIELDS.map((field) => {
        const key = MARKETPLACE_CUSTOMER_FIELD_NAMES[field];
        return [field, readText(known[key], childPath(path, key), diagnostics)];
      }),
    ),
  );
  return { customer, extras };
}

export function marketplaceCustomerFields(customer: CustomerInfo): Record<string, string> {
  return Object.fromEntries(
    CUSTOMER_FIELDS.map((field) => [
      MARKETPLACE_CUSTOMER_FIELD_NAMES[field],
      customer[field] ?? "",
    ]),
  );
}

/**
 * LeadSource for formats that also carry the action and the title in their own fields:
 * the bare source, or `Source-Action|publisher.offer` when an offer id is known (the only
 * place these formats have for it). An action holding `|` stays out of the combined string,
 * which could not be split back; `ActionCode` carries it.
 */
export function marketplaceLeadSource(
  lead: Pick<Lead, "source" | "action" | "offer">,
): string | undefined {
  if (!lead.offer) return lead.source;
  const action = lead.action?.includes("|") ? undefined : lead.action;
  return formatLeadSource({ source: lead.source, action, offer: lead.offer });
}
