import { AuditRepository, AzureTableImportRepository } from "@leadrelay/db";
import { appError } from "../../errors";
import { requireImport, type TenantCtx } from "./_shared";
import type { TableImportIdInput } from "./update.schema";

/** Deletes the import and its waiting sync job. Leads it imported stay. */
export async function deleteTableImportHandler({ ctx, input }: { ctx: TenantCtx; input: TableImportIdInput }) {
  const current = await requireImport(ctx.db, ctx.tenant.id, input.id);
  return ctx.db.$transaction(async (tx) => {
    if (!(await new AzureTableImportRepository(tx).delete(ctx.tenant.id, input.id))) {
      throw appError("NOT_FOUND", "tableImportNotFound", "No such Azure Table import in this publisher account.");
    }
    await new AuditRepository(tx).record({
      tenantId: ctx.tenant.id,
      actorId: ctx.user.id,
      action: "tableImport.deleted",
      targetType: "tableImport",
      targetId: input.id,
      data: { name: current.name, tableName: current.tableName, totalImported: current.totalImported },
    });
    return { id: input.id };
  });
}
