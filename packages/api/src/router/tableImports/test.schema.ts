import { tableImportIdSchema } from "./update.schema";

export const testTableImportSchema = tableImportIdSchema;
