import { salesforceFieldMappingSchema } from "@leadrelay/leads";
import { z } from "zod";

export const SALESFORCE_WEB_TO_LEAD_URL =
  "https://webto.salesforce.com/servlet/servlet.WebToLead?encoding=UTF-8";

export const salesforceConfigSchema = z.object({
  orgId: z
    .string({ error: "Enter the Organization ID (the oid value of your Web-to-Lead form)" })
    .trim()
    .regex(
      /^00D[0-9A-Za-z]{12}([0-9A-Za-z]{3})?$/u,
      "Enter the Organization ID: 15 or 18 letters and digits starting with 00D, e.g. 00Do0000000ZHog (the value of oid in the generated Web-to-Lead HTML, without the quotes)",
    ),
  fieldMapping: salesforceFieldMappingSchema.optional(),
  /** Web-to-Lead servlet; overridable for tests. */
  endpoint: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/u, error: "Enter the Web-to-Lead address as a URL" }))
    .default(SALESFORCE_WEB_TO_LEAD_URL),
});

export type SalesforceConfig = z.output<typeof salesforceConfigSchema>;

/** Web-to-Lead needs no secret: the Organization ID is all it asks for. */
export const salesforceSecretsSchema = z.object({});

export type SalesforceSecrets = z.output<typeof salesforceSecretsSchema>;
