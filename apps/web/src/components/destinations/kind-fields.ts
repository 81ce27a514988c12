import type { SalesforceMappableField } from "@leadrelay/leads";
import type { DestinationKind } from "./types";

/**
 * The form of each destination kind, after the adapter schemas in
 * packages/destinations/src/<kind>/config.ts. Labels and hints are in
 * messages (destinations.fields.<KIND>.<name>); examples stay literal.
 * The server validates everything again and answers per field.
 */
export interface FieldSpec {
  name: string;
  /** `config` is stored as is; `secrets` is encrypted and never sent back. */
  group: "config" | "secrets";
  input: "text" | "url" | "number" | "email-list" | "secret" | "checkbox";
  required?: boolean;
  placeholder?: string;
}

export const KIND_FIELDS: Record<DestinationKind, FieldSpec[]> = {
  DYNAMICS_365: [
    { name: "instanceUrl", group: "config", input: "url", required: true, placeholder: "https://contoso.crm4.dynamics.com" },
    { name: "tenantId", group: "config", input: "text", required: true, placeholder: "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" },
    { name: "clientId", group: "config", input: "text", required: true, placeholder: "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" },
    { name: "clientSecret", group: "secrets", input: "secret", required: true },
  ],
  SALESFORCE: [{ name: "orgId", group: "config", input: "text", required: true, placeholder: "00Do0000000ZHog" }],
  MARKETO: [
    { name: "munchkinId", group: "config", input: "text", required: true, placeholder: "123-ABC-456" },
    { name: "formId", group: "config", input: "number", required: true, placeholder: "1179" },
    { name: "serverId", group: "config", input: "text", placeholder: "ys12" },
    { name: "descriptionField", group: "config", input: "text", placeholder: "Comments" },
    { name: "clientId", group: "secrets", input: "secret", required: true },
    { name: "clientSecret", group: "secrets", input: "secret", required: true },
  ],
  AZURE_TABLE: [
    { name: "connectionString", group: "secrets", input: "secret", required: true, placeholder: "DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net" },
    { name: "tableName", group: "config", input: "text", placeholder: "MarketplaceLeads" },
  ],
  WEBHOOK: [
    { name: "url", group: "config", input: "url", required: true, placeholder: "https://prod-00.westeurope.logic.azure.com/workflows/…" },
    { name: "signingSecret", group: "secrets", input: "secret", placeholder: "whsec_…" },
  ],
  EMAIL: [
    { name: "recipients", group: "config", input: "email-list", required: true, placeholder: "sales@contoso.com; marketing@contoso.com" },
    { name: "includePersonalData", group: "config", input: "checkbox" },
  ],
};

/** Web-to-Lead fields a mapping may rename (SALESFORCE_MAPPABLE_FIELDS), with the standard name of each. */
export const SALESFORCE_MAPPING_FIELDS = [
  { field: "firstName", standard: "first_name" },
  { field: "lastName", standard: "last_name" },
  { field: "email", standard: "email" },
  { field: "company", standard: "company" },
  { field: "title", standard: "title" },
  { field: "phone", standard: "phone" },
  { field: "country", standard: "country" },
  { field: "leadSource", standard: "lead_source" },
  { field: "description", standard: "description" },
  { field: "offerTitle", standard: null },
  { field: "receivedAt", standard: null },
] as const satisfies readonly { field: SalesforceMappableField; standard: string | null }[];

// Fails to compile when a lead value becomes mappable that the form does not offer.
type MappedHere = (typeof SALESFORCE_MAPPING_FIELDS)[number]["field"];
const everyMappableField: Exclude<SalesforceMappableField, MappedHere> extends never ? true : never = true;
void everyMappableField;

/** Kinds with header lists (webhook: custom headers in config, secret headers in secrets). */
export const HAS_HEADERS: Partial<Record<DestinationKind, true>> = { WEBHOOK: true };

/** A Standard Webhooks secret made in the browser: `whsec_` and 32 random bytes in base64. */
export function generateSigningSecret(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}
