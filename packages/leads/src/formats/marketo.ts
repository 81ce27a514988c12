import type { CustomerField, Lead } from "../lead";
import { formatLeadSource } from "../lead-source";

/**
 * Marketo: leads go in through a Marketo form (Forms 2.0 post, or the REST form-submission
 * call with the newer Munchkin ID + Form ID + Client ID/Secret setup). Microsoft never
 * spelled out which fields the form needs; these are exactly the fields Leadrelay submits,
 * by their form (SOAP) names, and the setup screen lists them:
 *
 * | form field  | lead value                                   |
 * |-------------|----------------------------------------------|
 * | FirstName   | customer first name                          |
 * | LastName    | customer last name                           |
 * | Email       | customer email                               |
 * | Phone       | customer phone                               |
 * | Country     | customer country, as sent (`US`, `USA`, …)    |
 * | Company     | customer company                             |
 * | Title       | customer job title                           |
 * | LeadSource  | `Source-Action|Offer`, e.g. `AzureMarketplace-INS|contoso.app` (Microsoft's newer setup requires a "Lead Source" field) |
 *
 * Marketo has no standard description field, so the description is submitted only into a
 * form field the tenant names (`descriptionField`, e.g. a custom "Comments" field).
 * Empty values are left out so a submission never blanks data Marketo already holds.
 */
export const MARKETO_FORM_FIELDS = {
  firstName: "FirstName",
  lastName: "LastName",
  email: "Email",
  phone: "Phone",
  country: "Country",
  company: "Company",
  title: "Title",
  leadSource: "LeadSource",
} as const satisfies Record<CustomerField | "leadSource", string>;

export interface MarketoFormatOptions {
  /** A form field that receives the lead's description; none by default. */
  descriptionField?: string;
}

export function toMarketoFormFields(
  lead: Lead,
  options: MarketoFormatOptions = {},
): Record<string, string> {
  const { customer } = lead;
  const entries: [string, string | undefined][] = [
    [MARKETO_FORM_FIELDS.firstName, customer.firstName],
    [MARKETO_FORM_FIELDS.lastName, customer.lastName],
    [MARKETO_FORM_FIELDS.email, customer.email],
    [MARKETO_FORM_FIELDS.phone, customer.phone],
    [MARKETO_FORM_FIELDS.country, customer.country],
    [MARKETO_FORM_FIELDS.company, customer.company],
    [MARKETO_FORM_FIELDS.title, customer.title],
    [MARKETO_FORM_FIELDS.leadSource, formatLeadSource(lead)],
  ];
  if (options.descriptionField !== undefined)
    entries.push([options.descriptionField, lead.description]);
  return Object.fromEntries(
    entries.filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
