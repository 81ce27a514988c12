import type { z } from "zod";
import { destinationIdSchema } from "./get.schema";

export const pauseDestinationSchema = destinationIdSchema;

export type PauseDestinationInput = z.infer<typeof pauseDestinationSchema>;
