import { describeType, readKnownFields, readText, toJsonFields } from "../field-reader";
import { finishInboundLead, type InboundContext } from "../inbound";
import { parseIsoDateTime } from "../text";
import { isPlainObject, type JsonValue } from "../json";
import type { CustomerInfo, Lead } from "../lead";
import { childPath, ParseDiagnostics, type ParseResult } from "../parse-result";
import {
  marketplaceCustomerFields,
  marketplaceLeadSource,
  readMarketplaceCustomer,
} from "./marketplace-fields";
import { extrasWithout } from "./reserved-keys";

/**
 * The Azure Table destination: Microsoft writes each lead as an entity of the table
 * `MarketplaceLeads`. Real rows (community code reading production tables) carry
 * `PartitionKey`, `RowKey`, `Timestamp`, `ActionCode`, `CreatedTime`, `CustomerInfo` (ONE
 * JSON string with FirstName … Title), `Description`, `LeadSource` and `OfferDisplayName`.
 * `OfferTitle` is accepted in place of `OfferDisplayName`, and unknown columns are kept.
 */

export const MARKETPLACE_LEADS_TABLE = "MarketplaceLeads";

/** A value a table column can hold. */
export type TableValue = string | number | boolean;

export interface AzureTableLeadEntity {
  [extraColumn: string]: TableValue;
  PartitionKey: string;
  RowKey: string;
  ActionCode: string;
  CreatedTime: string;
  CustomerInfo: string;
  Description: string;
  LeadSource: string;
  OfferDisplayName: string;
}

const COLUMNS = [
  "PartitionKey",
  "RowKey",
  "Timestamp",
  "ActionCode",
  "CreatedTime",
  "CustomerInfo",
  "Description",
  "LeadSource",
  "OfferDisplayName",
  "OfferTitle",
] as const;

/** Storage metadata, not lead data: OData annotations and the SDKs' `etag`. */
function isStorageMetadata(key: string): boolean {
  return key.toLowerCase() === "etag" || key.startsWith("odata.") || key.includes("@odata.");
}

/**
 * Parses one entity as returned by the Table REST API or an SDK (column names matched
 * without regard to case, so `partitionKey`/`timestamp` from `@azure/data-tables` work).
 *
 * `receivedAt` is `CreatedTime` when it parses (ISO 8601, or .NET's `10/3/2018 5:04:18 PM`
 * as in the community's sample row, read as UTC since it matches that row's `Timestamp`),
 * else `Timestamp`, else `context.receivedAt`. An unreadable `CustomerInfo` is reported, not fatal: the rest
 * of the row is still a lead. Required, as for HTTPS: a source or offer, or a customer field.
 * `PartitionKey` and `RowKey` identify the row, not the lead, and are not copied into it.
 */
export function parseAzureTableEntity(entity: unknown, context: InboundContext): ParseResult {
  const diagnostics = new ParseDiagnostics();
  if (!isPlainObject(entity)) {
    diagnostics.fail(
      "$",
      `Expected a table entity (an object of columns), got ${describeType(entity)}`,
    );
    return diagnostics.failure();
  }

  const withoutMetadata = Object.fromEntries(
    Object.entries(entity).filter(([key]) => !isStorageMetadata(key)),
  );
  const { known, extras } = readKnownFields(withoutMetadata, COLUMNS, "$", diagnostics);
  const customer = readCustomerInfo(known.CustomerInfo, diagnostics);
  const leadSource = readText(known.LeadSource, "$.LeadSource", diagnostics);
  const actionCode = readText(known.ActionCode, "$.ActionCode", diagnostics);
  const description = readText(known.Description, "$.Description", diagnostics);
  const { offerTitle, offerTitlePath } = readOfferTitle(
    known.OfferDisplayName,
    known.OfferTitle,
    diagnostics,
  );
  const receivedAt =
    readCreatedTime(known.CreatedTime, diagnostics) ??
    readDate(known.Timestamp) ??
    context.receivedAt;
  // A table has no null cells: a null from an SDK or export means the column is absent.
  const extraFields = toJsonFields(
    extras.filter(([, value]) => value !== null),
    "$",
    diagnostics,
  );

  return finishInboundLead(
    {
      customer,
      leadSource,
      actionCode,
      offerTitle,
      description,
      receivedAt,
      extraFields,
      paths: { leadSource: "$.LeadSource", actionCode: "$.ActionCode", offerTitle: offerTitlePath },
    },
    diagnostics,
    "The row carries no lead: expected a LeadSource naming the source or offer, or customer details in CustomerInfo",
  );
}

/** `OfferDisplayName` is what real rows have; `OfferTitle` (the HTTPS name) is accepted too. */
function readOfferTitle(
  displayNameValue: unknown,
  titleValue: unknown,
  diagnostics: ParseDiagnostics,
): { offerTitle?: string; offerTitlePath: string } {
  const displayName = readText(displayNameValue, "$.OfferDisplayName", diagnostics);
  const title = readText(titleValue, "$.OfferTitle", diagnostics);
  if (displayName !== undefined && title !== undefined && displayName !== title) {
    diagnostics.warn(
      "offer_title_mismatch",
      "$.OfferTitle",
      `OfferTitle "${title}" differs from OfferDisplayName "${displayName}"; OfferDisplayName was used`,
    );
  }
  return displayName === undefined && title !== undefined
    ? { offerTitle: title, offerTitlePath: "$.OfferTitle" }
    : { offerTitle: displayName, offerTitlePath: "$.OfferDisplayName" };
}

function readCustomerInfo(value: unknown, diagnostics: ParseDiagnostics): CustomerInfo {
  const path = "$.CustomerInfo";
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === ""))
    return {};
  // Some export tools expand the JSON column into an object already.
  if (isPlainObject(value)) return readMarketplaceCustomer(value, path, diagnostics).customer;
  if (typeof value !== "string") {
    diagnostics.warn(
      "customer_info_invalid",
      path,
      `CustomerInfo should be a JSON string, got ${describeType(value)}; no customer details were read`,
    );
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    diagnostics.warn(
      "customer_info_invalid",
      path,
      `CustomerInfo is not valid JSON (${reason}); no customer details were read`,
    );
    return {};
  }
  if (!isPlainObject(parsed)) {
    diagnostics.warn(
      "customer_info_invalid",
      path,
      `CustomerInfo should hold a JSON object, got ${describeType(parsed)}; no customer details were read`,
    );
    return {};
  }
  const { customer, extras } = readMarketplaceCustomer(parsed, path, diagnostics);
  for (const [key] of extras) {
    diagnostics.warn(
      "ignored_value",
      childPath(path, key),
      `Unknown CustomerInfo field "${key}" was not kept`,
    );
  }
  return customer;
}

/** .NET's invariant `M/d/yyyy h:mm:ss AM/PM`, as real rows write `CreatedTime`. */
const DOT_NET_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ?(AM|PM)?$/iu;

function readCreatedTime(value: unknown, diagnostics: ParseDiagnostics): Date | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const date = readDate(value);
  if (date === undefined) {
    diagnostics.warn(
      "created_time_invalid",
      "$.CreatedTime",
      `CreatedTime ${JSON.stringify(String(value))} is not a date this parser knows; the row's Timestamp was used`,
    );
  }
  return date;
}

function readDate(value: unknown): Date | undefined {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? undefined : new Date(value.getTime());
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  const iso = parseIsoDateTime(text);
  if (iso !== undefined) return iso;
  const parts = DOT_NET_DATE_TIME.exec(text);
  if (!parts) return undefined;
  const [, month, day, year, hour, minute, second, meridiem] = parts;
  let hours = Number(hour);
  if (meridiem !== undefined) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (meridiem.toUpperCase() === "PM" ? 12 : 0);
  }
  const date = new Date(
    Date.UTC(Number(year), Number(month) - 1, Number(day), hours, Number(minute), Number(second)),
  );
  // Date.UTC rolls 2/30 over into March; a rolled-over date was not a date.
  return date.getUTCDate() === Number(day) && date.getUTCMonth() === Number(month) - 1
    ? date
    : undefined;
}

export interface AzureTableKeys {
  partitionKey: string;
  rowKey: string;
}

/** Azure Table property names follow C# identifier rules; others are refused by the service. */
export const TABLE_PROPERTY_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/u;

/**
 * The lead as a `MarketplaceLeads` row, in the real rows' shape. `Timestamp` is left to
 * the service, which sets it on every write; `CreatedTime` is written as ISO 8601 (exact
 * and unambiguous; the parser reads both it and .NET's format). Extra fields become extra
 * columns when their names are valid property names (others would make the service refuse
 * the whole row, so they are left out; the raw capture still holds them). A value a column
 * cannot hold (object, array) is stored as its JSON text; null is left out.
 */
export function toAzureTableEntity(lead: Lead, keys: AzureTableKeys): AzureTableLeadEntity {
  return {
    PartitionKey: keys.partitionKey,
    RowKey: keys.rowKey,
    ActionCode: lead.action ?? "",
    CreatedTime: lead.receivedAt.toISOString(),
    CustomerInfo: JSON.stringify(marketplaceCustomerFields(lead.customer)),
    Description: lead.description ?? "",
    LeadSource: marketplaceLeadSource(lead) ?? "",
    OfferDisplayName: lead.offerTitle ?? "",
    ...Object.fromEntries(
      extrasWithout(lead.extraFields, COLUMNS).flatMap(([key, value]) => {
        const column = toTableValue(value);
        return column === undefined || !TABLE_PROPERTY_NAME_PATTERN.test(key)
          ? []
          : [[key, column]];
      }),
    ),
  };
}

function toTableValue(value: JsonValue): TableValue | undefined {
  if (value === null) return undefined;
  return typeof value === "object" ? JSON.stringify(value) : value;
}
