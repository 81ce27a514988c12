import { AzureTableImportRepository } from "@leadrelay/db";
import { toView, type TenantCtx } from "./_shared";

/** The tenant's imports with their sync status (and whether a sync is waiting or running). */
export async function listTableImportsHandler({ ctx }: { ctx: TenantCtx }) {
  const imports = new AzureTableImportRepository(ctx.db);
  const rows = await imports.listWithSecrets(ctx.tenant.id);
  const states = await imports.jobStates(rows.map((row) => row.id));
  return rows.map((row) => toView(row, states.get(row.id)));
}
