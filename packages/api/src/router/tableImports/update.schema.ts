import { z } from "zod";
import { connectionStringSchema, intervalMinutesSchema, tableImportNameSchema, tableNameSchema } from "./create.schema";

export const tableImportIdSchema = z.object({ id: z.string().trim().min(1).max(64) });

export const updateTableImportSchema = tableImportIdSchema.extend({
  name: tableImportNameSchema.optional(),
  /** Replaces the stored connection string; left out, the stored one is kept (it is never shown). */
  connectionString: connectionStringSchema.optional(),
  tableName: tableNameSchema.optional(),
  offerId: z.string().trim().min(1).max(64).nullable().optional(),
  intervalMinutes: intervalMinutesSchema.optional(),
  enabled: z.boolean().optional(),
});

export type UpdateTableImportInput = z.infer<typeof updateTableImportSchema>;
export type TableImportIdInput = z.infer<typeof tableImportIdSchema>;
