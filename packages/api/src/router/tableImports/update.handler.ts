import { encryptJson } from "@leadrelay/crypto";
import { AuditRepository, AzureTableImportRepository } from "@leadrelay/db";
import { appError } from "../../errors";
import { assertPublicStorageEndpoint, requireImport, requireOffer, storedConnectionString, viewOf, type TenantCtx } from "./_shared";
import type { UpdateTableImportInput } from "./update.schema";

/**
 * Changes name, offer, schedule, table and/or connection string. Another table or
 * connection string starts the checkpoint over (capture's idempotency keys keep rows
 * already imported from being stored twice). The audit names what changed, never a value.
 */
export async function updateTableImportHandler({ ctx, input }: { ctx: TenantCtx; input: UpdateTableImportInput }) {
  const current = await requireImport(ctx.db, ctx.tenant.id, input.id);
  if (input.offerId) await requireOffer(ctx.db, ctx.tenant.id, input.offerId);
  const tableName = input.tableName ?? current.tableName;
  const connectionString = input.connectionString ?? storedConnectionString(current);
  if (connectionString && (input.connectionString !== undefined || input.tableName !== undefined)) {
    await assertPublicStorageEndpoint(connectionString, tableName);
  }

  const tableChanged = input.tableName !== undefined && input.tableName.toLowerCase() !== current.tableName.toLowerCase();
  const connectionReplaced = input.connectionString !== undefined;
  const enabled = input.enabled ?? current.enabled;
  const interval = input.intervalMinutes ?? current.intervalMinutes;
  const scheduleChanged = (input.enabled !== undefined && input.enabled !== current.enabled) || (input.intervalMinutes !== undefined && input.intervalMinutes !== current.intervalMinutes);
  const from = current.lastSyncAt ?? new Date();

  return ctx.db.$transaction(async (tx) => {
    const imports = new AzureTableImportRepository(tx);
    const updated = await imports.update(ctx.tenant.id, input.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.offerId !== undefined ? { offerId: input.offerId } : {}),
      ...(input.tableName !== undefined ? { tableName: input.tableName } : {}),
      ...(connectionReplaced ? { secretsCiphertext: encryptJson({ connectionString: input.connectionString }) } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(input.intervalMinutes !== undefined ? { intervalMinutes: input.intervalMinutes } : {}),
      ...(scheduleChanged ? { nextSyncAt: enabled ? new Date(Math.max(Date.now(), from.getTime() + interval * 60_000)) : null } : {}),
      resetCheckpoint: tableChanged || connectionReplaced,
    });
    if (!updated) throw appError("NOT_FOUND", "tableImportNotFound", "No such Azure Table import in this publisher account.");
    await new AuditRepository(tx).record({
      tenantId: ctx.tenant.id,
      actorId: ctx.user.id,
      action: "tableImport.updated",
      targetType: "tableImport",
      targetId: updated.id,
      data: {
        changed: [
          ...(input.name !== undefined && input.name !== current.name ? ["name"] : []),
          ...(input.offerId !== undefined && input.offerId !== current.offerId ? ["offerId"] : []),
          ...(input.tableName !== undefined && input.tableName !== current.tableName ? ["tableName"] : []),
          ...(input.intervalMinutes !== undefined && input.intervalMinutes !== current.intervalMinutes ? ["intervalMinutes"] : []),
          ...(input.enabled !== undefined && input.enabled !== current.enabled ? ["enabled"] : []),
        ],
        connectionStringReplaced: connectionReplaced,
      },
    });
    return viewOf(tx, ctx.tenant.id, updated.id);
  });
}
