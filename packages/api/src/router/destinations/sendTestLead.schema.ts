import type { z } from "zod";
import { destinationIdSchema } from "./get.schema";

export const sendTestLeadSchema = destinationIdSchema;

export type SendTestLeadInput = z.infer<typeof sendTestLeadSchema>;
