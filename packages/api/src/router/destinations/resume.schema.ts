import type { z } from "zod";
import { destinationIdSchema } from "./get.schema";

export const resumeDestinationSchema = destinationIdSchema;

export type ResumeDestinationInput = z.infer<typeof resumeDestinationSchema>;
