import { createHash } from "node:crypto";

import { RestError, TableClient, type TableEntity } from "@azure/data-tables";
import {
  MARKETPLACE_LEADS_TABLE,
  toAzureTableEntity,
  type AzureTableKeys,
  type Lead,
} from "@leadrelay/leads";

import { guardedNodeAgent } from "../net/guard";
import { isTimeout, RESPONSE_EXCERPT_LENGTH } from "../net/http";
import { assertPublicUrl, UNSAFE_DESTINATION_CODE, UnsafeDestinationUrlError } from "../net/ssrf";
import type { DeliveryContext, DeliveryOutcome, DestinationAdapter } from "../types";
import {
  azureTableConfigSchema,
  azureTableSecretsSchema,
  type AzureTableConfig,
  type AzureTableSecrets,
} from "./config";

/** Characters Azure refuses in PartitionKey and RowKey. */
// eslint-disable-next-line no-control-regex
const UNSAFE_KEY_CHARACTERS = /[/\\#?\u0000-\u001f\u007f-\u009f]/u;

/**
 * The row's keys. PartitionKey is the lead's UTC date (`2024-05-01`), as community code
 * reading the marketplace's rows believes Microsoft does; RowKey is the delivery's
 * idempotency key, so a retry or replay overwrites the same row instead of adding one.
 */
export function azureTableKeys(lead: Lead, idempotencyKey: string): AzureTableKeys {
  const usable =
    idempotencyKey !== "" &&
    idempotencyKey.length <= 200 &&
    !UNSAFE_KEY_CHARACTERS.test(idempotencyKey);
  return {
    partitionKey: lead.receivedAt.toISOString().slice(0, 10),
    rowKey: usable ? idempotencyKey : createHash("sha256").update(idempotencyKey).digest("hex"),
  };
}

async function deliver(
  lead: Lead,
  config: AzureTableConfig,
  secrets: AzureTableSecrets,
  ctx: DeliveryContext,
): Promise<DeliveryOutcome> {
  const guard = {
    allowPrivateNetwork: ctx.allowPrivateNetwork,
    ...(ctx.lookup ? { lookup: ctx.lookup } : {}),
  };
  let client: TableClient;
  try {
    client = TableClient.fromConnectionString(secrets.connectionString, config.tableName, {
      allowInsecureConnection: ctx.allowPrivateNetwork,
      // The delivery worker owns retries and their schedule.
      retryOptions: { maxRetries: 0 },
      // The SSRF check at connect time: every request's socket only reaches vetted addresses.
      additionalPolicies: [
        {
          position: "perCall",
          policy: {
            name: "leadrelayConnectGuard",
            sendRequest: (request, next) => {
              const protocol = new URL(request.url).protocol === "http:" ? "http:" : "https:";
              request.agent = guardedNodeAgent(protocol, guard);
              return next(request);
            },
          },
        },
      ],
    });
    // The client's URL may carry a SAS token: only the origin is checked and named. This
    // also covers IP-literal hosts, which never reach the guarded lookup.
    await assertPublicUrl(new URL(client.url).origin, guard);
  } catch (error) {
    if (error instanceof UnsafeDestinationUrlError) {
      return { kind: "permanent_failure", reason: `Refused to connect: ${error.message}` };
    }
    return {
      kind: "permanent_failure",
      reason: `The connection string cannot be used: ${error instanceof Error ? error.message : String(error)}`,
    };
  }

  const keys = azureTableKeys(lead, ctx.idempotencyKey);
  // The SDK names the keys partitionKey/rowKey and writes them as PartitionKey/RowKey.
  const { PartitionKey: partitionKey, RowKey: rowKey, ...columns } = toAzureTableEntity(lead, keys);
  const entity: TableEntity = { partitionKey, rowKey, ...columns };
  const abortSignal = AbortSignal.timeout(ctx.timeoutMs);
  try {
    try {
      await client.upsertEntity(entity, "Replace", { abortSignal });
    } catch (error) {
      // The marketplace creates its table on first use; so does Leadrelay.
      if (!(
        error instanceof RestError &&
        error.statusCode === 404 &&
        errorCode(error) === "TableNotFound"
      ))
        throw error;
      await client.createTable({ abortSignal });
      await client.upsertEntity(entity, "Replace", { abortSignal });
    }
    return {
      kind: "delivered",
      externalId: `${config.tableName}(PartitionKey='${keys.partitionKey}',RowKey='${keys.rowKey}')`,
    };
  } catch (error) {
    return storageFailureOutcome(error, ctx);
  }
}

function errorCode(error: RestError): string | undefined {
  const details = error.details as
    { errorCode?: unknown; odataError?: { code?: unknown } } | undefined;
  const code = details?.errorCode ?? details?.odataError?.code ?? error.code;
  return typeof code === "string" ? code : undefined;
}

function storageFailureOutcome(error: unknown, ctx: DeliveryContext): DeliveryOutcome {
  if (isTimeout(error) || (error instanceof Error && error.name === "AbortError")) {
    return {
      kind: "retryable",
      reason: `Azure Table storage did not answer within ${ctx.timeoutMs} ms`,
      timedOut: true,
    };
  }
  const text = error instanceof Error ? error.message : String(error);
  // The connect-time guard refused the address the host resolved to (the SDK wraps the error).
  if ((error as { code?: unknown }).code === UNSAFE_DESTINATION_CODE)
    return { kind: "permanent_failure", reason: `Refused to connect: ${text}` };
  if (!(error instanceof RestError))
    return { kind: "retryable", reason: `Writing to Azure Table storage failed: ${text}` };
  if (error.statusCode === undefined) {
    return {
      kind: "retryable",
      reason: `Could not reach Azure Table storage${error.code ? ` (${error.code})` : ""}: ${text}`,
    };
  }
  const status = error.statusCode;
  const code = errorCode(error);
  const message = `${code ?? "error"}: ${firstLine(error.message)}`;
  const base = { httpStatus: status, responseExcerpt: message.slice(0, RESPONSE_EXCERPT_LENGTH) };
  if (status === 401 || status === 403) {
    return {
      kind: "auth_invalid",
      reason: `Azure Storage refused the connection string's key or signature (${status}${code ? ` ${code}` : ""}): copy a current connection string from the storage account's Access keys`,
      ...base,
    };
  }
  if (status === 408 || status === 409 || status === 429 || status >= 500) {
    // 409 here means the table is being deleted or created concurrently: it settles.
    return {
      kind: "retryable",
      reason: `Azure Table storage is busy or failing (${status}) ${message}`,
      ...base,
    };
  }
  return {
    kind: "permanent_failure",
    reason: `Azure Table storage refused the lead (${status}) ${message}`,
    ...base,
  };
}

function firstLine(text: string): string {
  return text.split(/\r?\n/u)[0] ?? text;
}

export const azureTableAdapter: DestinationAdapter<AzureTableConfig, AzureTableSecrets> = {
  kind: "AZURE_TABLE",
  label: "Azure Table storage",
  description: `Writes each lead as a row of the table ${MARKETPLACE_LEADS_TABLE} in your storage account, in the same shape the marketplace writes, so existing Storage Explorer views, flows and functions keep working.`,
  configSchema: azureTableConfigSchema,
  secretsSchema: azureTableSecretsSchema,
  secretFields: ["connectionString"],
  setupGuide: {
    steps: [
      "In the Azure portal open (or create) a storage account → Security + networking → Access keys → Show → copy the Connection string.",
      `Paste it here. The table (${MARKETPLACE_LEADS_TABLE} unless you name another) is created on the first lead.`,
      "Save, then send a test lead and look for it in Azure Storage Explorer under Tables.",
    ],
    requiredFields: [
      "PartitionKey",
      "RowKey",
      "ActionCode",
      "CreatedTime",
      "CustomerInfo",
      "Description",
      "LeadSource",
      "OfferDisplayName",
    ],
    warnings: [
      "CustomerInfo is one JSON text column (FirstName, LastName, Email, Phone, Country, Company, Title), as in the marketplace's rows.",
      "PartitionKey is the lead's date (UTC, yyyy-mm-dd); RowKey identifies the delivery, so a retried lead overwrites its row instead of adding one.",
      "Rotating the storage account key breaks the connection string: paste the new one.",
      "The storage account's firewall must allow access from the internet (Leadrelay has no fixed address).",
    ],
  },
  deliver,
};
