import type { z } from "zod";
import { destinationIdSchema } from "./get.schema";

export const replayFailedSchema = destinationIdSchema;

export type ReplayFailedInput = z.infer<typeof replayFailedSchema>;
