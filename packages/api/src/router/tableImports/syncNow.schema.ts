import { tableImportIdSchema } from "./update.schema";

export const syncTableImportSchema = tableImportIdSchema;
