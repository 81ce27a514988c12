import { ACTIVITY_TYPES, NURTURE_CADENCE_DAYS } from "@leadrelay/leads";
import { z } from "zod";
import { idSchema, instantSchema } from "./_shared";

export const logActivitySchema = z.object({
  leadId: idSchema,
  type: z.enum(ACTIVITY_TYPES),
  /** What came of it, e.g. "Reached", "Left a voicemail", "Interested". */
  outcome: z.string().trim().max(200, "Use at most 200 characters.").nullish(),
  notes: z.string().trim().max(5000, "Use at most 5,000 characters.").nullish(),
  /** When it happened; defaults to now. */
  occurredAt: instantSchema.optional(),
  /** Schedules the next follow-up; a call, e-mail or meeting without one completes the pending follow-up. */
  nextFollowUpAt: instantSchema.nullish(),
});
export type LogActivityInput = z.infer<typeof logActivitySchema>;

export const scheduleSchema = z.object({
  leadId: idSchema,
  /** Null clears the scheduled follow-up. */
  nextFollowUpAt: instantSchema.nullable(),
});
export type ScheduleInput = z.infer<typeof scheduleSchema>;

export const startNurtureSchema = z.object({
  leadId: idSchema,
  cadenceDays: z
    .number()
    .int("Use whole days.")
    .min(NURTURE_CADENCE_DAYS.min, `Use at least ${NURTURE_CADENCE_DAYS.min} day.`)
    .max(NURTURE_CADENCE_DAYS.max, `Use at most ${NURTURE_CADENCE_DAYS.max} days.`),
});
export type StartNurtureInput = z.infer<typeof startNurtureSchema>;

export const setQualificationSchema = z.object({ leadId: idSchema, criterionId: idSchema, checked: z.boolean() });
export type SetQualificationInput = z.infer<typeof setQualificationSchema>;
