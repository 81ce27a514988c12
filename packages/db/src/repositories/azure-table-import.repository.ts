import type { DbTx } from "../client";
import type { Prisma } from "../generated/prisma/client";

/** The job that imports one table; its job key and queue keep one run per import at a time. */
export const AZURE_TABLE_IMPORT_TASK = "import-azure-table";
/** The scheduler's job (graphile-worker crontab, every minute): queues the imports that are due. */
export const AZURE_TABLE_IMPORT_SCHEDULER_TASK = "schedule-azure-table-imports";

export const azureTableImportJobKey = (importId: string) => `azure-table-import:${importId}`;

export interface AzureTableImportOfferDto {
  id: string;
  title: string;
}

/** An import as the UI sees it: settings and sync status, never the connection string. */
export interface AzureTableImportDto {
  id: string;
  tenantId: string;
  offerId: string | null;
  offer: AzureTableImportOfferDto | null;
  name: string;
  tableName: string;
  enabled: boolean;
  intervalMinutes: number;
  checkpointAt: Date | null;
  lastSyncAt: Date | null;
  lastSyncError: string | null;
  lastImportedCount: number;
  totalImported: number;
  nextSyncAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** For the worker and the API's own use (decrypting, masking): never returned to a client as is. */
export interface AzureTableImportWithSecretsDto extends AzureTableImportDto {
  secretsCiphertext: string;
  checkpointKeys: string[];
}

/** Whether a sync job is waiting or running for the import. */
export type AzureTableImportJobState = "queued" | "running";

const importSelect = {
  id: true,
  tenantId: true,
  offerId: true,
  offer: { select: { id: true, title: true } },
  name: true,
  tableName: true,
  secretsCiphertext: true,
  enabled: true,
  intervalMinutes: true,
  checkpointAt: true,
  checkpointKeys: true,
  lastSyncAt: true,
  lastSyncError: true,
  lastImportedCount: true,
  totalImported: true,
  nextSyncAt: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.AzureTableImportSelect;

type ImportRow = Prisma.AzureTableImportGetPayload<{ select: typeof importSelect }>;

function toDto(row: ImportRow): AzureTableImportDto {
  const { secretsCiphertext: _secrets, checkpointKeys: _keys, ...dto } = row;
  return dto;
}

export interface CreateAzureTableImportInput {
  tenantId: string;
  offerId: string | null;
  name: string;
  tableName: string;
  secretsCiphertext: string;
  enabled: boolean;
  intervalMinutes: number;
  nextSyncAt: Date | null;
}

export interface UpdateAzureTableImportInput {
  name?: string;
  offerId?: string | null;
  tableName?: string;
  secretsCiphertext?: string;
  enabled?: boolean;
  intervalMinutes?: number;
  nextSyncAt?: Date | null;
  /** Start over from the table's first row (another table or account); capture's idempotency keys keep re-reads from duplicating. */
  resetCheckpoint?: boolean;
}

/** Every tenant-facing query is scoped by tenant id: an import id of another tenant finds nothing. */
export class AzureTableImportRepository {
  constructor(private readonly db: DbTx) {}

  async list(tenantId: string): Promise<AzureTableImportDto[]> {
    const rows = await this.db.azureTableImport.findMany({ where: { tenantId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: importSelect });
    return rows.map(toDto);
  }

  /** The API's own use: it masks the account name from the connection string. */
  async listWithSecrets(tenantId: string): Promise<AzureTableImportWithSecretsDto[]> {
    return this.db.azureTableImport.findMany({ where: { tenantId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: importSelect });
  }

  async findWithSecrets(tenantId: string, id: string): Promise<AzureTableImportWithSecretsDto | null> {
    return this.db.azureTableImport.findFirst({ where: { id, tenantId }, select: importSelect });
  }

  /** For the worker, which has the id from its job and no tenant context. */
  async findForSync(id: string): Promise<AzureTableImportWithSecretsDto | null> {
    return this.db.azureTableImport.findUnique({ where: { id }, select: importSelect });
  }

  async offerBelongsToTenant(tenantId: string, offerId: string): Promise<AzureTableImportOfferDto | null> {
    return this.db.offer.findFirst({ where: { id: offerId, tenantId }, select: { id: true, title: true } });
  }

  async create(input: CreateAzureTableImportInput): Promise<AzureTableImportDto> {
    const row = await this.db.azureTableImport.create({
      data: {
        tenantId: input.tenantId,
        offerId: input.offerId,
        name: input.name.trim(),
        tableName: input.tableName,
        secretsCiphertext: input.secretsCiphertext,
        enabled: input.enabled,
        intervalMinutes: input.intervalMinutes,
        nextSyncAt: input.nextSyncAt,
      },
      select: importSelect,
    });
    return toDto(row);
  }

  async update(tenantId: string, id: string, input: UpdateAzureTableImportInput): Promise<AzureTableImportDto | null> {
    const { count } = await this.db.azureTableImport.updateMany({
      where: { id, tenantId },
      data: {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.offerId !== undefined ? { offerId: input.offerId } : {}),
        ...(input.tableName !== undefined ? { tableName: input.tableName } : {}),
        ...(input.secretsCiphertext !== undefined ? { secretsCiphertext: input.secretsCiphertext } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(input.intervalMinutes !== undefined ? { intervalMinutes: input.intervalMinutes } : {}),
        ...(input.nextSyncAt !== undefined ? { nextSyncAt: input.nextSyncAt } : {}),
        ...(input.resetCheckpoint ? { checkpointAt: null, checkpointKeys: [] } : {}),
      },
    });
    if (count === 0) return null;
    const row = await this.db.azureTableImport.findFirst({ where: { id, tenantId }, select: importSelect });
    return row ? toDto(row) : null;
  }

  /** Deletes the import and its waiting sync job (a running one finds the row gone and stops). Leads stay. */
  async delete(tenantId: string, id: string): Promise<boolean> {
    const { count } = await this.db.azureTableImport.deleteMany({ where: { id, tenantId } });
    if (count > 0) {
      await this.db.$executeRaw`SELECT graphile_worker.remove_job(${azureTableImportJobKey(id)}::text)`;
    }
    return count > 0;
  }

  /**
   * Queues (or moves to `runAt`, default now) the import's one sync job. The job key keeps
   * one waiting job per import; the queue named after the import runs its jobs one after
   * another, so a job queued while another runs waits for it: two syncs never overlap.
   */
  async enqueueSync(importId: string, runAt?: Date): Promise<void> {
    const key = azureTableImportJobKey(importId);
    await this.db.$executeRaw`SELECT graphile_worker.add_job(
      ${AZURE_TABLE_IMPORT_TASK},
      json_build_object('importId', ${importId}::text),
      queue_name => ${key}::text,
      run_at => ${runAt ?? null}::timestamptz,
      max_attempts => 3,
      job_key => ${key}::text
    )`;
  }

  /**
   * The scheduler's claim: every enabled import whose time has come gets its next time
   * (now + interval, so the next minute's scheduler does not queue it again) and a job.
   * Rows are locked and skipped when another scheduler holds them.
   */
  async queueDue(now: Date, limit = 500): Promise<string[]> {
    const due = await this.db.$queryRaw<{ id: string }[]>`
      UPDATE "AzureTableImport" i
         SET "nextSyncAt" = ${now}::timestamptz + make_interval(mins => i."intervalMinutes")
       WHERE i.id IN (SELECT id FROM "AzureTableImport"
                       WHERE enabled AND "nextSyncAt" <= ${now}::timestamptz
                       ORDER BY "nextSyncAt" LIMIT ${limit}
                       FOR UPDATE SKIP LOCKED)
      RETURNING i.id`;
    for (const { id } of due) await this.enqueueSync(id);
    return due.map((row) => row.id);
  }

  /** Waiting or running sync jobs of the given imports. */
  async jobStates(importIds: string[]): Promise<Map<string, AzureTableImportJobState>> {
    const states = new Map<string, AzureTableImportJobState>();
    if (importIds.length === 0) return states;
    const keys = importIds.map(azureTableImportJobKey);
    const rows = await this.db.$queryRaw<{ key: string; locked: boolean }[]>`
      SELECT key, locked_at IS NOT NULL AS locked FROM graphile_worker.jobs WHERE key = ANY(${keys}::text[])`;
    for (const row of rows) states.set(row.key.slice("azure-table-import:".length), row.locked ? "running" : "queued");
    return states;
  }

  /** After a page of rows is stored: the resume point moves past them. False when the import was deleted meanwhile. */
  async saveCheckpoint(id: string, checkpoint: { at: Date; keys: string[] }): Promise<boolean> {
    const { count } = await this.db.azureTableImport.updateMany({ where: { id }, data: { checkpointAt: checkpoint.at, checkpointKeys: checkpoint.keys } });
    return count > 0;
  }

  async countImported(id: string, rows: number): Promise<void> {
    await this.db.azureTableImport.updateMany({ where: { id }, data: { totalImported: { increment: rows } } });
  }

  /** The end of a run, successful (`error` null) or not; the next scheduled sync is one interval later (none while disabled). */
  async finishSync(id: string, result: { at: Date; error: string | null; imported: number }): Promise<void> {
    await this.db.$executeRaw`
      UPDATE "AzureTableImport"
         SET "lastSyncAt" = ${result.at}::timestamptz, "lastSyncError" = ${result.error}, "lastImportedCount" = ${result.imported},
             "nextSyncAt" = CASE WHEN enabled THEN ${result.at}::timestamptz + make_interval(mins => "intervalMinutes") ELSE NULL END,
             "updatedAt" = now()
       WHERE id = ${id}`;
  }
}
