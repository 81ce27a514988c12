import type { z } from "zod";
import { destinationIdSchema } from "./get.schema";

export const disableDestinationSchema = destinationIdSchema;

export type DisableDestinationInput = z.infer<typeof disableDestinationSchema>;
