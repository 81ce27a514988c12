import { z } from "zod";
import { feedbackCategorySchema, feedbackReplyMessageSchema, feedbackStatusSchema } from "../feedback/feedback.schema";

const idSchema = z.string().trim().min(1, "Give an id.").max(64, "That id is too long.");

export const listFeedbackInboxSchema = z.object({
  status: feedbackStatusSchema.optional(),
  category: feedbackCategorySchema.optional(),
  tenantId: idSchema.optional(),
  cursor: z.string().max(100).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type ListFeedbackInboxInput = z.infer<typeof listFeedbackInboxSchema>;

export const getFeedbackInboxItemSchema = z.object({ feedbackId: idSchema });
export type GetFeedbackInboxItemInput = z.infer<typeof getFeedbackInboxItemSchema>;

/** ANSWERED is reached by replying, so it is not offered here. */
export const TRIAGE_STATUSES = ["NEW", "IN_REVIEW", "CLOSED"] as const;
export const setFeedbackStatusSchema = z.object({
  feedbackId: idSchema,
  status: z.enum(TRIAGE_STATUSES, { error: () => "Set NEW, IN_REVIEW or CLOSED; feedback becomes ANSWERED when you reply." }),
});
export type SetFeedbackStatusInput = z.infer<typeof setFeedbackStatusSchema>;

export const staffReplySchema = z.object({ feedbackId: idSchema, message: feedbackReplyMessageSchema });
export type StaffReplyInput = z.infer<typeof staffReplySchema>;
