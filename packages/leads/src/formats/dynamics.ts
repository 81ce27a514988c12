import type { Lead } from "../lead";
import { formatLeadSource } from "../lead-source";
import { formatOfferId } from "../offer";

/**
 * Dynamics 365 / Dataverse: the body of `POST [org]/api/data/v9.2/leads`, standard `lead`
 * attributes only (no managed solution to install):
 *
 * | attribute        | lead value                                   | max length |
 * |------------------|----------------------------------------------|-----------:|
 * | subject          | offer title, else `publisher.offer`          |        300 |
 * | firstname        | first name                                   |         50 |
 * | lastname         | last name                                    |         50 |
 * | emailaddress1    | email                                        |        100 |
 * | telephone1       | phone                                        |         50 |
 * | address1_country | country                                      |         80 |
 * | companyname      | company                                      |        100 |
 * | jobtitle         | job title                                    |        100 |
 * | description      | description, then the `Source-Action|Offer` line |     2000 |
 * | leadsourcecode   | choice value; 8 = "Web" by default           |            |
 *
 * The lead entity has no text field for the marketplace's LeadSource string, so it goes in
 * the description, where the sales team sees it. Values longer than the column are cut
 * (ending in "…"): Dataverse refuses the whole record otherwise, and a refused lead is
 * lost while a shortened one is not. Missing values are left out.
 */
export const DYNAMICS_LEAD_MAX_LENGTHS = {
  subject: 300,
  firstname: 50,
  lastname: 50,
  emailaddress1: 100,
  telephone1: 50,
  address1_country: 80,
  companyname: 100,
  jobtitle: 100,
  description: 2000,
} as const;

/** `leadsourcecode` option "Web" in Dataverse's default choices (1 Advertisement … 10 Other). */
export const DATAVERSE_LEAD_SOURCE_WEB = 8;

export interface DynamicsLeadRecord {
  subject: string;
  firstname?: string;
  lastname?: string;
  emailaddress1?: string;
  telephone1?: string;
  address1_country?: string;
  companyname?: string;
  jobtitle?: string;
  description?: string;
  leadsourcecode?: number;
}

export interface DynamicsFormatOptions {
  /** The `leadsourcecode` choice value; null leaves the attribute out (e.g. a customised choice list). */
  leadSourceCode?: number | null;
}

export function toDynamicsLead(
  lead: Lead,
  options: DynamicsFormatOptions = {},
): DynamicsLeadRecord {
  const { customer } = lead;
  const leadSourceCode =
    options.leadSourceCode === undefined ? DATAVERSE_LEAD_SOURCE_WEB : options.leadSourceCode;
  const description = [lead.description, formatLeadSource(lead)]
    .filter((part) => part !== undefined)
    .join("\n\n");
  const record: Omit<DynamicsLeadRecord, "leadsourcecode"> = {
    subject: lead.offerTitle ?? (lead.offer ? formatOfferId(lead.offer) : "Marketplace lead"),
    firstname: customer.firstName,
    lastname: customer.lastName,
    emailaddress1: customer.email,
    telephone1: customer.phone,
    address1_country: customer.country,
    companyname: customer.company,
    jobtitle: customer.title,
    description: description === "" ? undefined : description,
  };
  const fitted = Object.fromEntries(
    Object.entries(record).flatMap(([attribute, value]) =>
      value === undefined
        ? []
        : [
            [
              attribute,
              truncate(
                value,
                DYNAMICS_LEAD_MAX_LENGTHS[attribute as keyof typeof DYNAMICS_LEAD_MAX_LENGTHS],
              ),
            ],
          ],
    ),
  ) as Omit<DynamicsLeadRecord, "leadsourcecode">;
  return leadSourceCode === null ? fitted : { ...fitted, leadsourcecode: leadSourceCode };
}

/** Cuts to `max` UTF-16 units (how Dataverse counts), never inside a surrogate pair. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  let cut = value.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}
