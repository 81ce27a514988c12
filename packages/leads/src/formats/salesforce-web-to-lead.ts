import { z } from "zod";

import { readKnownFields, readText } from "../field-reader";
import { finishInboundLead, type InboundContext } from "../inbound";
import { CUSTOMER_FIELDS, type CustomerInfo, type Lead } from "../lead";
import { formatLeadSource } from "../lead-source";
import { childPath, ParseDiagnostics, type ParseResult } from "../parse-result";
import { parseIsoDateTime, withoutUndefined } from "../text";

/**
 * Salesforce Web-to-Lead: the marketplace posts standard Web-to-Lead form fields to the
 * publisher's org (identified by `oid`). Microsoft's documented test lead:
 *
 * ```
 * company = MSFT_TEST_636573304831318844      country = US
 * description = MSFT_TEST_636573304831318844  email = MSFT_TEST_636573304831318844@test.com
 * encoding = UTF-8 (sent twice)               first_name / last_name / title = MSFT_TEST_…
 * lead_source = MSFT_TEST_636573304831318844-MSFT_TEST_636573304831318844|<Offer Name>
 * oid = 00Do0000000ZHog                       phone = 1234567890
 * ```
 *
 * There is no separate action or title field: `lead_source` (`Source-Action|Offer`) carries
 * them, with the offer id in the offer slot when known, else the title. A `fieldMapping`
 * can send the title and the receive time into custom fields, and rename standard ones.
 */

export const SALESFORCE_STANDARD_FIELDS = {
  firstName: "first_name",
  lastName: "last_name",
  email: "email",
  company: "company",
  title: "title",
  phone: "phone",
  country: "country",
  leadSource: "lead_source",
  description: "description",
} as const;

/** Lead values a Web-to-Lead field can carry; the last two only when mapped. */
export const SALESFORCE_MAPPABLE_FIELDS = [
  ...(Object.keys(SALESFORCE_STANDARD_FIELDS) as (keyof typeof SALESFORCE_STANDARD_FIELDS)[]),
  "offerTitle",
  "receivedAt",
] as const;

export type SalesforceMappableField = (typeof SALESFORCE_MAPPABLE_FIELDS)[number];

/** Lead value → Web-to-Lead field name (a standard name, or a custom field's name or id). */
export type SalesforceFieldMapping = Partial<Record<SalesforceMappableField, string>>;

/** Fields that steer Web-to-Lead itself rather than carrying lead data. */
export const SALESFORCE_CONTROL_FIELDS = [
  "oid",
  "encoding",
  "retURL",
  "debug",
  "debugEmail",
] as const;

function resolveFieldNames(
  mapping: SalesforceFieldMapping = {},
): Partial<Record<SalesforceMappableField, string>> {
  return withoutUndefined({ ...SALESFORCE_STANDARD_FIELDS, ...mapping });
}

/** A tenant's mapping: non-empty names, no two values on one field, no control field. */
export const salesforceFieldMappingSchema = z
  .partialRecord(z.enum(SALESFORCE_MAPPABLE_FIELDS), z.string().trim().min(1))
  .superRefine((mapping, issues) => {
    const seen = new Map<string, string>();
    const control = new Set<string>(SALESFORCE_CONTROL_FIELDS.map((name) => name.toLowerCase()));
    for (const [field, name] of Object.entries(resolveFieldNames(mapping))) {
      const key = name.toLowerCase();
      if (control.has(key)) {
        issues.addIssue({
          code: "custom",
          path: [field],
          message: `"${name}" is a Web-to-Lead control field`,
        });
      }
      const other = seen.get(key);
      if (other !== undefined) {
        issues.addIssue({
          code: "custom",
          path: [field],
          message: `"${name}" is already used for ${other}`,
        });
      }
      seen.set(key, field);
    }
  });

export type SalesforceWebToLeadFields = Record<string, string>;

export interface SalesforceParseContext extends InboundContext {
  fieldMapping?: SalesforceFieldMapping;
}

/**
 * Parses a Web-to-Lead submission: a record, or the form's name/value pairs in order
 * (forms may repeat a name, as the test lead repeats `encoding`). Names match without
 * regard to case. Unknown fields are kept in `extraFields`; `oid` and the other control
 * fields are not lead data. Required, as for HTTPS: a source or offer, or a customer field.
 */
export function parseSalesforceWebToLead(
  fields: SalesforceWebToLeadFields | Iterable<readonly [string, string]>,
  context: SalesforceParseContext,
): ParseResult {
  const diagnostics = new ParseDiagnostics();
  const record = toRecord(fields, diagnostics);
  const names = resolveFieldNames(context.fieldMapping);
  const fieldNames = [...Object.values(names), ...SALESFORCE_CONTROL_FIELDS];
  const { known, extras } = readKnownFields(record, fieldNames, "$", diagnostics);
  const valueOf = (field: SalesforceMappableField): string | undefined => {
    const name = names[field];
    return name === undefined
      ? undefined
      : readText(known[name], childPath("$", name), diagnostics);
  };

  const customer: CustomerInfo = withoutUndefined(
    Object.fromEntries(CUSTOMER_FIELDS.map((field) => [field, valueOf(field)])),
  );
  const leadSource = valueOf("leadSource");
  const encoding = readText(known.encoding, "$.encoding", diagnostics);
  if (encoding !== undefined && encoding.toUpperCase() !== "UTF-8") {
    diagnostics.warn(
      "unexpected_encoding",
      "$.encoding",
      `encoding is "${encoding}", not UTF-8; check that the values were decoded with it`,
    );
  }

  return finishInboundLead(
    {
      customer,
      leadSource,
      offerTitle: valueOf("offerTitle"),
      description: valueOf("description"),
      receivedAt:
        readReceivedAt(valueOf("receivedAt"), names.receivedAt, diagnostics) ?? context.receivedAt,
      extraFields: Object.fromEntries(extras.map(([key, value]) => [key, String(value)])),
      paths: {
        leadSource: childPath("$", names.leadSource ?? SALESFORCE_STANDARD_FIELDS.leadSource),
      },
    },
    diagnostics,
    "The form carries no lead: expected a lead_source naming the source or offer, or at least one of first_name, last_name, email, phone, country, company, title",
  );
}

function readReceivedAt(
  text: string | undefined,
  name: string | undefined,
  diagnostics: ParseDiagnostics,
): Date | undefined {
  if (text === undefined || name === undefined) return undefined;
  const date = parseIsoDateTime(text);
  if (date === undefined) {
    diagnostics.warn(
      "ignored_value",
      childPath("$", name),
      `"${text}" is not an ISO 8601 date; the receive time was used`,
    );
  }
  return date;
}

function toRecord(
  fields: SalesforceWebToLeadFields | Iterable<readonly [string, string]>,
  diagnostics: ParseDiagnostics,
): Record<string, unknown> {
  if (!isIterable(fields)) return fields;
  const values = new Map<string, string>();
  for (const [name, value] of fields) {
    const earlier = values.get(name);
    if (earlier === undefined || earlier.trim() === "") values.set(name, value);
    else if (earlier !== value && value.trim() !== "") {
      diagnostics.warn(
        "duplicate_field",
        childPath("$", name),
        `"${name}" was sent twice with different values; the first was used`,
      );
    }
  }
  return Object.fromEntries(values);
}

function isIterable(value: object): value is Iterable<readonly [string, string]> {
  return Symbol.iterator in value;
}

export interface SalesforceFormatOptions {
  /** The org's Organization ID (`00D…`), from the `oid` of its generated Web-to-Lead form. */
  oid: string;
  fieldMapping?: SalesforceFieldMapping;
}

/**
 * The lead as Web-to-Lead form fields, ready to URL-encode and POST with UTF-8. Empty
 * values are left out (Salesforce fills required ones with "[not provided]" rather than
 * dropping the lead). Extra fields are not sent: Web-to-Lead knows only the org's fields.
 */
export function toSalesforceWebToLead(
  lead: Lead,
  options: SalesforceFormatOptions,
): SalesforceWebToLeadFields {
  const names = resolveFieldNames(options.fieldMapping);
  const values: Record<SalesforceMappableField, string | undefined> = {
    firstName: lead.customer.firstName,
    lastName: lead.customer.lastName,
    email: lead.customer.email,
    company: lead.customer.company,
    title: lead.customer.title,
    phone: lead.customer.phone,
    country: lead.customer.country,
    leadSource: formatLeadSource(lead),
    description: lead.description,
    offerTitle: lead.offerTitle,
    receivedAt: lead.receivedAt.toISOString(),
  };
  const dataFields = SALESFORCE_MAPPABLE_FIELDS.flatMap((field) => {
    const name = names[field];
    const value = values[field];
    return name === undefined || value === undefined ? [] : [[name, value] as const];
  });
  return Object.fromEntries([["oid", options.oid], ["encoding", "UTF-8"], ...dataFields]);
}
