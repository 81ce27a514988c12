import type { Lead, LeadInput } from "@leadrelay/leads";
import { leadSchema } from "@leadrelay/leads";
import { z } from "zod";

/** The canonical lead; `receivedAt` may be left out and then means now. */
const leadWithDefaultTime = z.preprocess(
  (value) => (value !== null && typeof value === "object" && !Array.isArray(value) && !("receivedAt" in value) ? { ...value, receivedAt: new Date() } : value),
  leadSchema,
) as unknown as z.ZodType<Lead, Omit<LeadInput, "receivedAt"> & { receivedAt?: LeadInput["receivedAt"] }>;

export const captureLeadSchema = z.object({
  lead: leadWithDefaultTime,
  /** Retries of one capture carry the same key and are stored once. */
  idempotencyKey: z.string().trim().min(1, "Give an idempotency key").max(255, "An idempotency key has at most 255 characters"),
});

export type CaptureLeadProcedureInput = z.infer<typeof captureLeadSchema>;
