import { z } from "zod";

export const listDestinationsSchema = z
  .object({
    /** An offer's destinations; `null`: the tenant-wide defaults only; absent: all. */
    offerId: z.string().trim().min(1).max(64).nullable().optional(),
  })
  .optional();

export type ListDestinationsInput = z.infer<typeof listDestinationsSchema>;
