import { probeLeadTable } from "@leadrelay/destinations";
import { allowPrivateNetwork, requireImport, storedConnectionString, type TenantCtx } from "./_shared";
import type { TableImportIdInput } from "./update.schema";

/** "Test connection": signs in with the stored connection string and looks for the table. Changes nothing. */
export async function testTableImportHandler({ ctx, input }: { ctx: TenantCtx; input: TableImportIdInput }) {
  const stored = await requireImport(ctx.db, ctx.tenant.id, input.id);
  const connectionString = storedConnectionString(stored);
  if (!connectionString) {
    return { ok: false, hasRows: false, message: "The stored connection string cannot be read (the encryption key changed): paste the connection string again" };
  }
  return probeLeadTable(connectionString, stored.tableName, { allowPrivateNetwork: allowPrivateNetwork(), timeoutMs: 10_000 });
}
