import type { z } from "zod";
import { destinationIdSchema } from "./get.schema";

export const enableDestinationSchema = destinationIdSchema;

export type EnableDestinationInput = z.infer<typeof enableDestinationSchema>;
