import { azureTableConfigSchema, azureTableSecretsSchema } from "@leadrelay/destinations";
import { z } from "zod";

export const tableImportNameSchema = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(100, "Use at most 100 characters");

/** Checked like the Azure Table destination's: the whole connection string (or the older `{"connectionString":"…"}` form). */
export const connectionStringSchema = azureTableSecretsSchema.shape.connectionString;
export const tableNameSchema = azureTableConfigSchema.shape.tableName;

export const intervalMinutesSchema = z
  .number({ error: "Choose how often to sync" })
  .int("Use whole minutes")
  .min(5, "Sync at most every 5 minutes")
  .max(1440, "Sync at least once a day (1440 minutes)");

export const createTableImportSchema = z.object({
  name: tableImportNameSchema,
  connectionString: connectionStringSchema,
  /** Microsoft writes to MarketplaceLeads. */
  tableName: tableNameSchema,
  /** Leads whose row names none of the tenant's offers are filed under this one. */
  offerId: z.string().trim().min(1).max(64).nullable().default(null),
  intervalMinutes: intervalMinutesSchema.default(15),
  enabled: z.boolean().default(true),
});

export type CreateTableImportInput = z.infer<typeof createTableImportSchema>;
