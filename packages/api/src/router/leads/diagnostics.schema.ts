import { z } from "zod";

/** `offerId` null: leads that reach no offer of the tenant (the tenant-wide URL). */
export const leadDiagnosticsSchema = z.object({
  offerId: z.string().trim().min(1).max(64).nullable(),
});

export type LeadDiagnosticsInput = z.infer<typeof leadDiagnosticsSchema>;
