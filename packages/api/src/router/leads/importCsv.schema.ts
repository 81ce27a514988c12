import { z } from "zod";

export const CSV_MAX_BYTES = 5 * 1024 * 1024;

export const importCsvSchema = z.object({
  csv: z
    .string()
    .min(1, "The file is empty")
    .refine((text) => Buffer.byteLength(text, "utf8") <= CSV_MAX_BYTES, `The file is larger than ${CSV_MAX_BYTES / 1024 / 1024} MB; split it`),
  /** True: check every row and report, storing nothing. */
  preview: z.boolean().default(false),
  /** Ties every row to this offer of the tenant; otherwise each row's own offer column decides. */
  offerId: z.string().trim().min(1).max(64).optional(),
});

export type ImportCsvInput = z.infer<typeof importCsvSchema>;
