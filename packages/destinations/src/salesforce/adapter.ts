import { SALESFORCE_STANDARD_FIELDS, toSalesforceWebToLead, type Lead } from "@leadrelay/leads";

import { outcomeForHttpStatus, sendHttp } from "../net/http";
import type { DeliveryContext, DeliveryOutcome, DestinationAdapter } from "../types";
import {
  salesforceConfigSchema,
  salesforceSecretsSchema,
  type SalesforceConfig,
  type SalesforceSecrets,
} from "./config";

export const WEB_TO_LEAD_ACCEPTED_NOTE =
  "Salesforce accepted the form, but Web-to-Lead confirms nothing: a lead that breaks a required field, a picklist, a validation rule or the daily limit (500 a day) is dropped silently. Search Salesforce Leads to be sure it arrived.";

async function deliver(
  lead: Lead,
  config: SalesforceConfig,
  _secrets: SalesforceSecrets,
  ctx: DeliveryContext,
): Promise<DeliveryOutcome> {
  const fields = toSalesforceWebToLead(lead, {
    oid: config.orgId,
    fieldMapping: config.fieldMapping,
  });
  const exchange = await sendHttp(
    {
      url: config.endpoint,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=UTF-8" },
      body: new URLSearchParams(fields).toString(),
    },
    ctx,
  );
  if (!exchange.ok) return exchange.outcome;
  const { response } = exchange;
  if (response.status >= 200 && response.status < 300) {
    return {
      kind: "accepted",
      note: WEB_TO_LEAD_ACCEPTED_NOTE,
      httpStatus: response.status,
      responseExcerpt: response.excerpt,
    };
  }
  return outcomeForHttpStatus(response, ctx, { service: "Salesforce Web-to-Lead" });
}

export const salesforceAdapter: DestinationAdapter<SalesforceConfig, SalesforceSecrets> = {
  kind: "SALESFORCE",
  label: "Salesforce",
  description:
    "Posts each lead to your org's Web-to-Lead form, as the marketplace does. Salesforce answers success whatever happens to the lead, so deliveries show as accepted, not confirmed.",
  configSchema: salesforceConfigSchema,
  secretsSchema: salesforceSecretsSchema,
  secretFields: [],
  setupGuide: {
    steps: [
      "In Salesforce Setup, search for Web-to-Lead (Lightning: Platform Tools → Feature Settings → Marketing → Web-to-Lead; Classic: Build → Customize → Leads → Web-to-Lead).",
      "Make sure Web-to-Lead is enabled, then choose Create Web-to-Lead Form.",
      'Clear "Include reCAPTCHA in HTML": a form with reCAPTCHA refuses every lead that is not typed in a browser.',
      'Generate, find the line <input type=hidden name="oid" value="00D…"> and copy only the value between the quotes: that is the Organization ID.',
      "Save, then send a test lead and search Salesforce Leads for MSFT_TEST or the test company name: Web-to-Lead never reports failures, so this search is the only proof.",
    ],
    requiredFields: Object.values(SALESFORCE_STANDARD_FIELDS),
    warnings: [
      "A required field that is a picklist (or Country/State picklists, or a restricted Lead Source picklist) makes Salesforce drop leads silently: make such fields optional text fields, or allow the marketplace's values.",
      "Validation rules and required custom fields on Lead drop leads silently too.",
      "Web-to-Lead takes at most 500 leads a day per org; more are dropped (Salesforce emails the admin).",
      "Lead Source receives the marketplace's Source-Action|Offer text, e.g. AzureMarketplace-INS|contoso.app.",
    ],
  },
  deliver,
};
