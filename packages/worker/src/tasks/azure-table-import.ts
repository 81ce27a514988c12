/**
 * The Azure Table import channel: for publishers whose offers already write leads to an
 * Azure Table (Microsoft's `MarketplaceLeads`), Leadrelay reads the table on a schedule and
 * imports the rows it has not seen, through the same capture pipeline as every channel.
 *
 *   run({ …, taskList: { [AZURE_TABLE_IMPORT_TASK]: createAzureTableImportTask(db, …),
 *                        [AZURE_TABLE_IMPORT_SCHEDULER_TASK]: createAzureTableImportSchedulerTask(db) },
 *         crontab: AZURE_TABLE_IMPORT_CRONTAB })
 *
 * Resume point: `checkpointAt` (every row with an earlier Timestamp is stored) and
 * `checkpointKeys` (rows at exactly checkpointAt already stored: Timestamps tie, and the
 * service's 100 ns Timestamps are kept to the millisecond). A run reads every row with
 * `Timestamp ge checkpointAt`, sorts it by Timestamp and keys, and stores it page by page,
 * saving the checkpoint after each page. Killed mid-page, the next run reads that page
 * again; each row's capture carries an idempotency key of its keys and Timestamp, so the
 * rows stored before the crash are not stored twice.
 */
import { sha256Hex, decryptJson } from "@leadrelay/crypto";
import {
  AZURE_TABLE_IMPORT_SCHEDULER_TASK,
  AZURE_TABLE_IMPORT_TASK,
  AzureTableImportRepository,
  captureLead,
  resolveCaptureOffer,
  type AzureTableImportWithSecretsDto,
  type Db,
} from "@leadrelay/db";
import { openLeadTable, readRowsSince, TableSourceError, type TableRowWithKeys } from "@leadrelay/destinations";
import { parseAzureTableEntity } from "@leadrelay/leads";
import type { Task } from "graphile-worker";
import { z } from "zod";

export { AZURE_TABLE_IMPORT_SCHEDULER_TASK, AZURE_TABLE_IMPORT_TASK };

/** Every minute the scheduler queues the imports whose next sync time has come (one run across all workers). */
export const AZURE_TABLE_IMPORT_CRONTAB = `* * * * * ${AZURE_TABLE_IMPORT_SCHEDULER_TASK} ?max=1&jobKey=${AZURE_TABLE_IMPORT_SCHEDULER_TASK}`;

/** Rows stored between two checkpoint saves. */
const DEFAULT_PAGE_SIZE = 100;

export interface AzureTableImportDeps {
  db: Db;
  /** LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS: the connection string's endpoint may be local (Azurite). */
  allowPrivateNetwork: boolean;
  pageSize?: number;
  now?: () => Date;
  /** The capture pipeline (tests wrap it to stop a run part-way, as a crash would). */
  capture?: typeof captureLead;
  /** Aborts between rows (worker shutdown); what is stored stays stored, the checkpoint is saved per page. */
  signal?: AbortSignal;
  log?: (message: string) => void;
}

export interface AzureTableImportResult {
  /** "missing": the import was deleted; "failed": the table could not be read (lastSyncError says why). */
  status: "ok" | "failed" | "missing";
  /** Rows stored as leads in this run (new leads and merges; rows stored before, e.g. by a crashed run, are not counted again). */
  imported: number;
  /** Rows that carry no lead (stored nowhere, passed by the checkpoint). */
  skipped: number;
  error: string | null;
}

/** A row's resume key in `checkpointKeys`: JSON, since keys may hold any character but NUL cannot be stored. */
const rowKeyOf = (row: Pick<TableRowWithKeys, "partitionKey" | "rowKey">) => JSON.stringify([row.partitionKey, row.rowKey]);

/** One capture per row version: the same row read again (a re-run, a resumed page) is stored once. */
export function azureTableIdempotencyKey(importId: string, row: Pick<TableRowWithKeys, "partitionKey" | "rowKey" | "timestamp">): string {
  return `azure-table:${importId}:${sha256Hex(JSON.stringify([row.partitionKey, row.rowKey, row.timestamp]))}`;
}

function connectionStringOf(stored: AzureTableImportWithSecretsDto): string {
  try {
    const secrets = decryptJson<{ connectionString?: unknown }>(stored.secretsCiphertext);
    if (typeof secrets.connectionString === "string" && secrets.connectionString !== "") return secrets.connectionString;
  } catch {
    // The encryption key changed: reported below.
  }
  throw new TableSourceError("The stored connection string cannot be read (the encryption key changed): paste the connection string again");
}

/** Imports the rows of one table not imported yet. Storage problems end in `lastSyncError`, not in an exception. */
export async function runAzureTableImport(importId: string, deps: AzureTableImportDeps): Promise<AzureTableImportResult> {
  const now = deps.now ?? (() => new Date());
  const capture = deps.capture ?? captureLead;
  const pageSize = Math.max(1, deps.pageSize ?? DEFAULT_PAGE_SIZE);
  const imports = new AzureTableImportRepository(deps.db);
  const stored = await imports.findForSync(importId);
  if (!stored) return { status: "missing", imported: 0, skipped: 0, error: null };

  let imported = 0;
  let skipped = 0;
  let firstSkip: string | null = null;
  try {
    const client = await openLeadTable(connectionStringOf(stored), stored.tableName, { allowPrivateNetwork: deps.allowPrivateNetwork });
    const rows = await readRowsSince(client, stored.checkpointAt);

    let checkpointMs = stored.checkpointAt?.getTime() ?? null;
    let checkpointKeys = new Set(stored.checkpointKeys);
    const pending = rows.filter(
      (row) => checkpointMs === null || row.timestampMs > checkpointMs || (row.timestampMs === checkpointMs && !checkpointKeys.has(rowKeyOf(row))),
    );

    for (let start = 0; start < pending.length; start += pageSize) {
      const page = pending.slice(start, start + pageSize);
      for (const row of page) {
        deps.signal?.throwIfAborted();
        const receivedAt = now();
        const parsed = parseAzureTableEntity(row.row, { receivedAt });
        if (!parsed.ok) {
          skipped++;
          firstSkip ??= `row PartitionKey "${row.partitionKey}", RowKey "${row.rowKey}": ${parsed.errors.map((e) => e.message).join("; ")}`;
          continue;
        }
        const lead = parsed.lead;
        const offer =
          (await resolveCaptureOffer(deps.db, stored.tenantId, lead)) ??
          (stored.offerId ? await resolveCaptureOffer(deps.db, stored.tenantId, lead, stored.offerId) : null);
        const result = await capture(deps.db, {
          tenantId: stored.tenantId,
          channel: "AZURE_TABLE",
          offer,
          lead,
          rawBody: JSON.stringify(row.row),
          idempotencyKey: azureTableIdempotencyKey(stored.id, row),
          receivedAt,
        });
        // Counted at once (a crash later in the page must not lose the count); a row a crashed run stored is not counted twice.
        if (!result.duplicateRequest) {
          imported++;
          await imports.countImported(stored.id, 1);
        }
      }

      // Every row up to the page's last Timestamp is stored: the resume point moves there.
      const lastMs = page.at(-1)!.timestampMs;
      const atLast = page.filter((row) => row.timestampMs === lastMs).map(rowKeyOf);
      checkpointKeys = new Set(lastMs === checkpointMs ? [...checkpointKeys, ...atLast] : atLast);
      checkpointMs = lastMs;
      const stillThere = await imports.saveCheckpoint(stored.id, { at: new Date(lastMs), keys: [...checkpointKeys] });
      if (!stillThere) return { status: "missing", imported, skipped, error: null };
    }
  } catch (error) {
    if (!(error instanceof TableSourceError)) {
      // Not the publisher's to fix (database, shutdown): say so, and let the job be retried.
      await imports.finishSync(stored.id, { at: now(), error: `The import stopped: ${error instanceof Error ? error.message : String(error)}`, imported }).catch(() => undefined);
      throw error;
    }
    deps.log?.(`Azure Table import ${stored.id}: ${error.message}`);
    await imports.finishSync(stored.id, { at: now(), error: error.message, imported });
    return { status: "failed", imported, skipped, error: error.message };
  }

  const warning =
    skipped > 0 ? `${skipped} ${skipped === 1 ? "row was" : "rows were"} not imported because ${skipped === 1 ? "it carries" : "they carry"} no lead (first: ${firstSkip})` : null;
  await imports.finishSync(stored.id, { at: now(), error: warning, imported });
  return { status: "ok", imported, skipped, error: warning };
}

const payloadSchema = z.object({ importId: z.string().min(1) });

/** The `import-azure-table` job: one import's sync (queued by the scheduler or "Sync now"). */
export function createAzureTableImportTask(db: Db, options: { allowPrivateNetwork: boolean; pageSize?: number }): Task {
  return async (payload, helpers) => {
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) {
      helpers.logger.error(`Ignoring an ${AZURE_TABLE_IMPORT_TASK} job without an importId: ${JSON.stringify(payload)}`);
      return;
    }
    const result = await runAzureTableImport(parsed.data.importId, {
      db,
      allowPrivateNetwork: options.allowPrivateNetwork,
      pageSize: options.pageSize,
      signal: helpers.abortSignal,
      log: (message) => helpers.logger.warn(message),
    });
    if (result.imported > 0) helpers.logger.info(`Imported ${result.imported} leads from Azure Table (import ${parsed.data.importId}).`);
  };
}

/** The scheduler: queues every enabled import whose next sync time has come. */
export function createAzureTableImportSchedulerTask(db: Db): Task {
  return async () => {
    await db.$transaction((tx) => new AzureTableImportRepository(tx).queueDue(new Date()));
  };
}
