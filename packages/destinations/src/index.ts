// Lead destinations: one adapter per kind, behind one interface (see types.ts), the
// registry, the delivery rules they share (SSRF guard, retry schedule), and Standard
// Webhooks signing. Vendor fakes for tests are in "@leadrelay/destinations/testing".
export * from "./types";
export { destinationAdapters, getDestinationAdapter } from "./registry";
export { deliverToDestination } from "./deliver";
export { RETIRED_DESTINATIONS, type RetiredDestination } from "./retired";
export {
  FAILURE_NOTIFICATION_THRESHOLDS,
  MAX_DELIVERY_ATTEMPTS,
  OVERLOAD_MIN_DELAY_MS,
  PAUSE_AFTER_CONSECUTIVE_FAILURES,
  RETRY_JITTER,
  RETRY_SCHEDULE_MS,
  isFailureNotificationDue,
  nextRetryDelayMs,
  retryDelayForOutcome,
  shouldPauseDestination,
  type RetryDelayOptions,
} from "./retry-schedule";
export {
  assertPublicUrl,
  refusedAddressReason,
  UnsafeDestinationUrlError,
  type PublicUrlOptions,
} from "./net/ssrf";
export { parseRetryAfter } from "./net/http";

export { azureTableAdapter, azureTableKeys } from "./azure-table/adapter";
export {
  azureTableConfigSchema,
  azureTableSecretsSchema,
  connectionStringWarnings,
  type AzureTableConfig,
  type AzureTableSecrets,
} from "./azure-table/config";
export {
  openLeadTable,
  probeLeadTable,
  readRowsSince,
  storageAccountName,
  tableEndpointOrigin,
  TableSourceError,
  type TableProbe,
  type TableRow,
  type TableRowWithKeys,
} from "./azure-table/reader";
export { dynamicsAdapter, dynamicsLeadId } from "./dynamics-365/adapter";
export {
  dynamicsConfigSchema,
  dynamicsSecretsSchema,
  type DynamicsConfig,
  type DynamicsSecrets,
} from "./dynamics-365/config";
export { emailAdapter } from "./email/adapter";
export {
  emailConfigSchema,
  emailSecretsSchema,
  type EmailConfig,
  type EmailSecrets,
} from "./email/config";
export { marketoAdapter } from "./marketo/adapter";
export {
  marketoConfigSchema,
  marketoSecretsSchema,
  parseMarketoEmbedCode,
  type MarketoConfig,
  type MarketoSecrets,
} from "./marketo/config";
export { salesforceAdapter, WEB_TO_LEAD_ACCEPTED_NOTE } from "./salesforce/adapter";
export {
  salesforceConfigSchema,
  salesforceSecretsSchema,
  type SalesforceConfig,
  type SalesforceSecrets,
} from "./salesforce/config";
export { webhookAdapter } from "./webhook/adapter";
export {
  webhookConfigSchema,
  webhookSecretsSchema,
  type WebhookConfig,
  type WebhookSecrets,
} from "./webhook/config";
export {
  generateWebhookSecret,
  signWebhook,
  type WebhookSignatureHeaders,
} from "./webhook/signing";
