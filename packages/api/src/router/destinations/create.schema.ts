import { DESTINATION_KINDS } from "@leadrelay/destinations";
import { z } from "zod";
import { AZURE_BLOB } from "./_shared";

const settingsObject = z.record(z.string(), z.unknown());

export const destinationNameSchema = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(100, "Use at most 100 characters");

export const createDestinationSchema = z.object({
  /** AZURE_BLOB is accepted here only to be refused with what to use instead. */
  kind: z.enum([...DESTINATION_KINDS, AZURE_BLOB], { error: `Choose a kind: ${DESTINATION_KINDS.join(", ")}` }),
  name: destinationNameSchema,
  /** Null: the tenant-wide default, for offers without destinations of their own. */
  offerId: z.string().trim().min(1).max(64).nullable(),
  config: settingsObject.default({}),
  secrets: settingsObject.default({}),
});

export type CreateDestinationInput = z.infer<typeof createDestinationSchema>;
