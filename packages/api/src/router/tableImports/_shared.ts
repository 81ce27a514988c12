import { decryptJson } from "@leadrelay/crypto";
import { AzureTableImportRepository, type AzureTableImportDto, type AzureTableImportJobState, type AzureTableImportWithSecretsDto, type DbTx } from "@leadrelay/db";
import { assertPublicUrl, storageAccountName, tableEndpointOrigin, UnsafeDestinationUrlError } from "@leadrelay/destinations";
import { workerEnv } from "@leadrelay/worker";
import { appError } from "../../errors";
import { FieldValidationError, type TenantCtx } from "../destinations/_shared";

export type { TenantCtx };

export const allowPrivateNetwork = () => workerEnv().LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS;

/** `con•••o1`: enough to tell accounts apart, not the account itself. */
export function maskAccountName(account: string | null): string | null {
  if (!account) return null;
  return account.length <= 5 ? "•••" : `${account.slice(0, 3)}•••${account.slice(-2)}`;
}

export function storedConnectionString(stored: Pick<AzureTableImportWithSecretsDto, "secretsCiphertext">): string | null {
  try {
    const secrets = decryptJson<{ connectionString?: unknown }>(stored.secretsCiphertext);
    return typeof secrets.connectionString === "string" ? secrets.connectionString : null;
  } catch {
    // Unreadable (the encryption key changed): the admin pastes it again.
    return null;
  }
}

/**
 * The connection string's table endpoint must be on the public internet (the same rule
 * as destinations), unless LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS is on: Leadrelay
 * connects to it on the tenant's behalf.
 */
export async function assertPublicStorageEndpoint(connectionString: string, tableName: string): Promise<void> {
  try {
    await assertPublicUrl(tableEndpointOrigin(connectionString, tableName), { allowPrivateNetwork: allowPrivateNetwork() });
  } catch (error) {
    if (!(error instanceof UnsafeDestinationUrlError)) throw error;
    throw new FieldValidationError("unsafeStorageEndpoint", `This storage endpoint cannot be used: ${error.message}.`, [
      { code: "custom", path: ["connectionString"], message: error.message, input: undefined },
    ]);
  }
}

export async function requireImport(db: DbTx, tenantId: string, id: string): Promise<AzureTableImportWithSecretsDto> {
  const found = await new AzureTableImportRepository(db).findWithSecrets(tenantId, id);
  if (!found) throw appError("NOT_FOUND", "tableImportNotFound", "No such Azure Table import in this publisher account.");
  return found;
}

export async function requireOffer(db: DbTx, tenantId: string, offerId: string) {
  const offer = await new AzureTableImportRepository(db).offerBelongsToTenant(tenantId, offerId);
  if (!offer) throw appError("NOT_FOUND", "offerNotFound", "No such offer in this publisher account.");
  return offer;
}

/** What clients see of an import: settings and sync status; of the connection string only the masked account name. */
export type TableImportView = Omit<AzureTableImportDto, "tenantId"> & {
  accountName: string | null;
  syncState: AzureTableImportJobState | "idle";
};

export function toView(row: AzureTableImportWithSecretsDto, syncState: AzureTableImportJobState | undefined): TableImportView {
  const { tenantId: _tenant, secretsCiphertext: _secrets, checkpointKeys: _keys, ...rest } = row;
  const connectionString = storedConnectionString(row);
  return { ...rest, accountName: maskAccountName(connectionString ? storageAccountName(connectionString) : null), syncState: syncState ?? "idle" };
}

export async function viewOf(db: DbTx, tenantId: string, id: string): Promise<TableImportView> {
  const row = await requireImport(db, tenantId, id);
  const states = await new AzureTableImportRepository(db).jobStates([id]);
  return toView(row, states.get(id));
}
