import { z } from "zod";
import { idSchema, ownerFilterSchema, timeZoneSchema } from "../followups/_shared";

export const boardSchema = z
  .object({
    owner: ownerFilterSchema,
    offerId: idSchema.optional(),
    q: z.string().trim().max(100).optional(),
    /** Cards per column; each column also says how many leads it holds. */
    perStage: z.number().int().min(1).max(100).default(30),
    timeZone: timeZoneSchema,
  })
  .default({ owner: "any", perStage: 30, timeZone: "UTC" });
export type BoardInput = z.infer<typeof boardSchema>;

export const moveLeadSchema = z.object({ leadId: idSchema, stageId: idSchema });
export type MoveLeadInput = z.infer<typeof moveLeadSchema>;

export const assignOwnerSchema = z.object({
  leadId: idSchema,
  /** A member's user id, or null to unassign. */
  ownerId: idSchema.nullable(),
});
export type AssignOwnerInput = z.infer<typeof assignOwnerSchema>;
