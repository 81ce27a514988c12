// The lead domain: canonical lead, vocabularies, classification, privacy, de-duplication,
// and every marketplace/destination format in and out. Pure: no I/O, no clock.
export * from "./codes";
export { leadDedupKey, normalizeEmailForDedup, normalizePhoneForDedup } from "./dedup";
export * from "./funnel";
export * from "./follow-up";
export type { InboundContext } from "./inbound";
export type { JsonObject, JsonValue } from "./json";
export * from "./lead";
export * from "./lead-schema";
export * from "./lead-source";
export * from "./offer";
export * from "./offer-rules";
export type { ParseError, ParseResult, ParseWarning, ParseWarningCode } from "./parse-result";
export * from "./pipeline";
export * from "./privacy";
export * from "./test-lead";
export { normalizeText, storableValue } from "./text";

export {
  MARKETPLACE_LEADS_TABLE,
  TABLE_PROPERTY_NAME_PATTERN,
  parseAzureTableEntity,
  toAzureTableEntity,
  type AzureTableKeys,
  type AzureTableLeadEntity,
  type TableValue,
} from "./formats/azure-table";
export {
  DATAVERSE_LEAD_SOURCE_WEB,
  DYNAMICS_LEAD_MAX_LENGTHS,
  toDynamicsLead,
  type DynamicsFormatOptions,
  type DynamicsLeadRecord,
} from "./formats/dynamics";
export {
  parseHttpsPayload,
  parseHttpsPayloadText,
  toHttpsPayload,
  type HttpsLeadPayload,
  type HttpsUserDetails,
} from "./formats/https";
export { MARKETPLACE_CUSTOMER_FIELD_NAMES } from "./formats/marketplace-fields";
export {
  MARKETO_FORM_FIELDS,
  toMarketoFormFields,
  type MarketoFormatOptions,
} from "./formats/marketo";
export {
  toNotificationEmail,
  type NotificationEmail,
  type NotificationEmailOptions,
} from "./formats/notification-email";
export {
  SALESFORCE_CONTROL_FIELDS,
  SALESFORCE_MAPPABLE_FIELDS,
  SALESFORCE_STANDARD_FIELDS,
  parseSalesforceWebToLead,
  salesforceFieldMappingSchema,
  toSalesforceWebToLead,
  type SalesforceFieldMapping,
  type SalesforceFormatOptions,
  type SalesforceMappableField,
  type SalesforceParseContext,
  type SalesforceWebToLeadFields,
} from "./formats/salesforce-web-to-lead";
