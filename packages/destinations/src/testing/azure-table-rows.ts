import { TableClient } from "@azure/data-tables";

/** A `MarketplaceLeads` row as Microsoft writes it (the service adds Timestamp). */
export interface MarketplaceRowInput {
  PartitionKey: string;
  RowKey: string;
  [column: string]: string | number | boolean;
}

/**
 * Writes rows into a table of a storage account (Azurite in tests), creating the table
 * when missing: the publisher's side of the Azure Table import channel. Returns each
 * row's Timestamp as the service set it.
 */
export async function writeTableRows(connectionString: string, tableName: string, rows: MarketplaceRowInput[]): Promise<string[]> {
  const client = TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: true });
  await client.createTable();
  const timestamps: string[] = [];
  for (const { PartitionKey, RowKey, ...columns } of rows) {
    await client.upsertEntity({ partitionKey: PartitionKey, rowKey: RowKey, ...columns }, "Replace");
    const stored = await client.getEntity(PartitionKey, RowKey);
    timestamps.push(stored.timestamp ?? "");
  }
  return timestamps;
}
