import { z } from "zod";
import { destinationNameSchema } from "./create.schema";

const settingsObject = z.record(z.string(), z.unknown());

export const updateDestinationSchema = z.object({
  id: z.string().trim().min(1).max(64),
  name: destinationNameSchema.optional(),
  /** Moves the destination to another offer, or to the tenant default (null). */
  offerId: z.string().trim().min(1).max(64).nullable().optional(),
  /** Replaces the settings as a whole. */
  config: settingsObject.optional(),
  /** Only the fields given (non-empty) replace the stored ones; the others are kept. */
  secrets: settingsObject.optional(),
});

export type UpdateDestinationInput = z.infer<typeof updateDestinationSchema>;
