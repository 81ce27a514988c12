import { tableImportIdSchema } from "./update.schema";

export const deleteTableImportSchema = tableImportIdSchema;
