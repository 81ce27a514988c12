import { encryptJson } from "@leadrelay/crypto";
import { AuditRepository, AzureTableImportRepository } from "@leadrelay/db";
import { assertPublicStorageEndpoint, requireOffer, viewOf, type TenantCtx } from "./_shared";
import type { CreateTableImportInput } from "./create.schema";

/** Saves the import (connection string encrypted) and, when enabled, queues its first sync at once. */
export async function createTableImportHandler({ ctx, input }: { ctx: TenantCtx; input: CreateTableImportInput }) {
  if (input.offerId) await requireOffer(ctx.db, ctx.tenant.id, input.offerId);
  await assertPublicStorageEndpoint(input.connectionString, input.tableName);
  const now = new Date();
  return ctx.db.$transaction(async (tx) => {
    const imports = new AzureTableImportRepository(tx);
    const created = await imports.create({
      tenantId: ctx.tenant.id,
      offerId: input.offerId,
      name: input.name,
      tableName: input.tableName,
      secretsCiphertext: encryptJson({ connectionString: input.connectionString }),
      enabled: input.enabled,
      intervalMinutes: input.intervalMinutes,
      nextSyncAt: input.enabled ? new Date(now.getTime() + input.intervalMinutes * 60_000) : null,
    });
    if (input.enabled) await imports.enqueueSync(created.id);
    await new AuditRepository(tx).record({
      tenantId: ctx.tenant.id,
      actorId: ctx.user.id,
      action: "tableImport.created",
      targetType: "tableImport",
      targetId: created.id,
      data: { name: created.name, tableName: created.tableName, offerId: created.offerId, intervalMinutes: created.intervalMinutes, enabled: created.enabled },
    });
    return viewOf(tx, ctx.tenant.id, created.id);
  });
}
