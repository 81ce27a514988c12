import { z } from "zod";

export const replayDeliverySchema = z.object({ deliveryId: z.string().trim().min(1, "Choose a delivery").max(64) });

export type ReplayDeliveryInput = z.infer<typeof replayDeliverySchema>;
