import { AzureTableImportRepository } from "@leadrelay/db";
import { requireImport, viewOf, type TenantCtx } from "./_shared";
import type { TableImportIdInput } from "./update.schema";

/**
 * "Sync now": queues the import's sync job to run at once (a disabled import too: it is
 * the publisher's explicit request). A sync already waiting is moved forward, one running
 * is followed by this one: the job key and the import's queue keep them from overlapping.
 */
export async function syncTableImportHandler({ ctx, input }: { ctx: TenantCtx; input: TableImportIdInput }) {
  await requireImport(ctx.db, ctx.tenant.id, input.id);
  await new AzureTableImportRepository(ctx.db).enqueueSync(input.id);
  return viewOf(ctx.db, ctx.tenant.id, input.id);
}
