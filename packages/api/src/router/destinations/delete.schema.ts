import type { z } from "zod";
import { destinationIdSchema } from "./get.schema";

export const deleteDestinationSchema = destinationIdSchema;

export type DeleteDestinationInput = z.infer<typeof deleteDestinationSchema>;
