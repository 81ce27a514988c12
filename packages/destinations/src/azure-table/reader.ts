import { odata, RestError, TableClient } from "@azure/data-tables";

import { describeNetworkError, isTimeout } from "../net/http";
import { assertPublicUrl, UnsafeDestinationUrlError } from "../net/ssrf";
import { connectionStringParts } from "./config";

/**
 * Reading a publisher's `MarketplaceLeads` table (the Azure Table import channel): the
 * same connection string Microsoft writes with, read with `@azure/data-tables`. The
 * import's bookkeeping (checkpoint, capture) is the worker's; this is the storage side.
 */

/** A row as read: plain JSON-able column values (the SDK's BigInt, Date and bytes converted). */
export type TableRow = Record<string, string | number | boolean | null>;

export interface TableRowWithKeys {
  partitionKey: string;
  rowKey: string;
  /** The service's `Timestamp` exactly as written (ISO 8601, up to 100 ns). */
  timestamp: string;
  /** Milliseconds since the epoch of `timestamp` (the checkpoint's precision). */
  timestampMs: number;
  etag: string;
  /** Every column, `PartitionKey`/`RowKey`/`Timestamp` included, for the parser and the raw body. */
  row: TableRow;
}

/** A problem with the table or its connection that the publisher must fix; stored as the import's last error. */
export class TableSourceError extends Error {
  override readonly name = "TableSourceError";
}

export interface OpenTableOptions {
  /** LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS (Azurite on 127.0.0.1 in tests). */
  allowPrivateNetwork: boolean;
  /** For the whole read or probe; the SDK's own retries are off so a dead endpoint fails fast. */
  timeoutMs?: number;
}

/** The storage account a connection string names (`AccountName=`), or the endpoint's host. */
export function storageAccountName(connectionString: string): string | null {
  const parts = connectionStringParts(connectionString);
  if (parts.get("usedevelopmentstorage")?.toLowerCase() === "true") return "devstoreaccount1";
  const account = parts.get("accountname");
  if (account) return account;
  const endpoint = parts.get("tableendpoint");
  if (!endpoint) return null;
  try {
    return new URL(endpoint).hostname.split(".")[0] ?? null;
  } catch {
    return null;
  }
}

/** The table endpoint's origin (`https://account.table.core.windows.net`), with no SAS token. */
export function tableEndpointOrigin(connectionString: string, tableName: string): string {
  return new URL(TableClient.fromConnectionString(connectionString, tableName).url).origin;
}

/**
 * A client for the table, once the endpoint passed the SSRF rules (it is tenant input:
 * it must not point into Leadrelay's own network).
 */
export async function openLeadTable(connectionString: string, tableName: string, options: OpenTableOptions): Promise<TableClient> {
  let client: TableClient;
  try {
    client = TableClient.fromConnectionString(connectionString, tableName, {
      allowInsecureConnection: options.allowPrivateNetwork,
      retryOptions: { maxRetries: 0 },
    });
  } catch (error) {
    throw new TableSourceError(`The connection string cannot be used: ${messageOf(error)}`);
  }
  try {
    await assertPublicUrl(new URL(client.url).origin, { allowPrivateNetwork: options.allowPrivateNetwork });
  } catch (error) {
    if (error instanceof UnsafeDestinationUrlError) throw new TableSourceError(`Refused to connect: ${error.message}`);
    throw error;
  }
  return client;
}

/**
 * Every row whose `Timestamp` is at or after `since` (all rows without it), sorted by
 * Timestamp then keys. Azure returns rows in PartitionKey/RowKey order, not by time, so
 * the whole answer is read before any of it is imported: a checkpoint may only move past
 * a time once every row up to it is stored.
 */
export async function readRowsSince(client: TableClient, since: Date | null, options: { pageSize?: number; timeoutMs?: number } = {}): Promise<TableRowWithKeys[]> {
  const rows: TableRowWithKeys[] = [];
  const abortSignal = AbortSignal.timeout(options.timeoutMs ?? 120_000);
  try {
    const pages = client
      .listEntities<Record<string, unknown>>({ abortSignal, ...(since ? { queryOptions: { filter: odata`Timestamp ge ${since}` } } : {}) })
      .byPage({ maxPageSize: options.pageSize ?? 1000 });
    for await (const page of pages) {
      for (const entity of page) {
        const row = plainRow(entity);
        const timestamp = typeof entity.timestamp === "string" ? entity.timestamp : "";
        const timestampMs = Date.parse(timestamp);
        if (entity.partitionKey === undefined || entity.rowKey === undefined || Number.isNaN(timestampMs)) continue;
        rows.push({ partitionKey: entity.partitionKey, rowKey: entity.rowKey, timestamp, timestampMs, etag: entity.etag, row });
      }
    }
  } catch (error) {
    throw storageError(error, client);
  }
  return rows.sort(compareRows);
}

function compareRows(a: TableRowWithKeys, b: TableRowWithKeys): number {
  return (
    a.timestampMs - b.timestampMs ||
    compareText(a.timestamp, b.timestamp) ||
    compareText(a.partitionKey, b.partitionKey) ||
    compareText(a.rowKey, b.rowKey)
  );
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface TableProbe {
  ok: boolean;
  /** The table exists and has at least one row. */
  hasRows: boolean;
  message: string;
}

/** "Test connection": signs in, finds the table and reads (at most) one row. */
export async function probeLeadTable(connectionString: string, tableName: string, options: OpenTableOptions): Promise<TableProbe> {
  try {
    const client = await openLeadTable(connectionString, tableName, options);
    try {
      const abortSignal = AbortSignal.timeout(options.timeoutMs ?? 20_000);
      const first = await client.listEntities({ abortSignal }).byPage({ maxPageSize: 1 }).next();
      const hasRows = !first.done && first.value.length > 0;
      return {
        ok: true,
        hasRows,
        message: hasRows ? `Connected: the table ${tableName} exists and has leads` : `Connected: the table ${tableName} exists but is empty so far`,
      };
    } catch (error) {
      throw storageError(error, client);
    }
  } catch (error) {
    if (error instanceof TableSourceError) return { ok: false, hasRows: false, message: error.message };
    throw error;
  }
}

/** What went wrong with the storage account, in words a publisher can act on. */
function storageError(error: unknown, client: TableClient): TableSourceError {
  if (error instanceof TableSourceError) return error;
  if (isTimeout(error) || (error instanceof Error && error.name === "AbortError")) {
    return new TableSourceError("Azure Table storage did not answer in time");
  }
  if (error instanceof RestError) {
    const code = errorCode(error);
    const status = error.statusCode;
    if (status === undefined) {
      return new TableSourceError(`Could not reach Azure Table storage at ${new URL(client.url).host}${error.code ? ` (${error.code})` : ""}`);
    }
    if (status === 404 && (code === "TableNotFound" || code === "ResourceNotFound")) {
      return new TableSourceError(`The table ${client.tableName} does not exist in this storage account (Microsoft creates it with the first lead; check the table name)`);
    }
    if (status === 401 || status === 403) {
      return new TableSourceError(
        `Azure Storage refused the connection string's key or signature (${status}${code ? ` ${code}` : ""}): copy a current connection string from the storage account's Access keys`,
      );
    }
    return new TableSourceError(`Azure Table storage answered ${status}${code ? ` ${code}` : ""}: ${firstLine(error.message)}`);
  }
  return new TableSourceError(`Reading the table failed: ${describeNetworkError(error)}`);
}

function errorCode(error: RestError): string | undefined {
  const details = error.details as { errorCode?: unknown; odataError?: { code?: unknown } } | undefined;
  const code = details?.errorCode ?? details?.odataError?.code ?? error.code;
  return typeof code === "string" ? code : undefined;
}

function plainRow(entity: Record<string, unknown>): TableRow {
  const row: TableRow = {};
  for (const [key, value] of Object.entries(entity)) {
    if (key === "etag") continue;
    const column = key === "partitionKey" ? "PartitionKey" : key === "rowKey" ? "RowKey" : key === "timestamp" ? "Timestamp" : key;
    row[column] = plainValue(value);
  }
  return row;
}

function plainValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (typeof value === "object" && "value" in value) return plainValue((value as { value: unknown }).value);
  return JSON.stringify(value);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const firstLine = (text: string) => text.split(/\r?\n/u)[0] ?? text;
