import { z } from "zod";

export const destinationIdSchema = z.object({ id: z.string().trim().min(1, "Choose a destination").max(64) });

export const getDestinationSchema = destinationIdSchema;

export type GetDestinationInput = z.infer<typeof getDestinationSchema>;
