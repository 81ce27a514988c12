import { z } from "zod";
import { checkDateRange, leadFilterFields } from "./_shared";

export const exportLeadsSchema = z
  .object({
    ...leadFilterFields,
    format: z.enum(["csv", "json"]).default("csv"),
  })
  .superRefine(checkDateRange);

export type ExportLeadsInput = z.infer<typeof exportLeadsSchema>;
