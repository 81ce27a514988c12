import { z } from "zod";

export const DELIVERY_STATUSES = ["PENDING", "DELIVERED", "ACCEPTED", "RETRYING", "FAILED", "HELD"] as const;

export const destinationDeliveriesSchema = z.object({
  id: z.string().trim().min(1).max(64),
  /** From the previous page's `nextCursor`. */
  cursor: z.string().max(100).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
  status: z.enum(DELIVERY_STATUSES).optional(),
});

export type DestinationDeliveriesInput = z.infer<typeof destinationDeliveriesSchema>;
