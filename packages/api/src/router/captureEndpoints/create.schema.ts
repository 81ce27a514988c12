import { z } from "zod";

/** `offerId` null (or left out): the tenant-wide URL. */
export const createCaptureEndpointSchema = z.object({
  offerId: z.string().trim().min(1).max(64).nullish().transform((value) => value ?? null),
});

export type CreateCaptureEndpointInput = z.infer<typeof createCaptureEndpointSchema>;
