import { z } from "zod";
import { idSchema, timeZoneSchema } from "./_shared";

export const leadFollowUpSchema = z.object({ leadId: idSchema, timeZone: timeZoneSchema });
export type LeadFollowUpInput = z.infer<typeof leadFollowUpSchema>;

export const timelineSchema = z.object({
  leadId: idSchema,
  cursor: idSchema.nullish(),
  limit: z.number().int().min(1).max(100).default(30),
});
export type TimelineInput = z.infer<typeof timelineSchema>;
