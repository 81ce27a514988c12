import { z } from "zod";

export const rotateCaptureEndpointSchema = z.object({ id: z.string().trim().min(1, "Choose a capture URL").max(64) });

export type RotateCaptureEndpointInput = z.infer<typeof rotateCaptureEndpointSchema>;
