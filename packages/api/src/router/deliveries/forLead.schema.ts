import { z } from "zod";

export const deliveriesForLeadSchema = z.object({ leadId: z.string().trim().min(1, "Choose a lead").max(64) });

export type DeliveriesForLeadInput = z.infer<typeof deliveriesForLeadSchema>;
