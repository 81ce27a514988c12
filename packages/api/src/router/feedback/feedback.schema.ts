import { z } from "zod";

export const FEEDBACK_CATEGORIES = ["LEAD_QUALITY", "MISSING_DATA", "WRONG_DATA", "DESTINATION_PROBLEM", "FEATURE_REQUEST", "OTHER"] as const;
export const FEEDBACK_STATUSES = ["NEW", "IN_REVIEW", "ANSWERED", "CLOSED"] as const;

export const feedbackCategorySchema = z.enum(FEEDBACK_CATEGORIES, {
  error: () => `Choose a category: ${FEEDBACK_CATEGORIES.join(", ")}.`,
});
export const feedbackStatusSchema = z.enum(FEEDBACK_STATUSES, {
  error: () => `Choose a status: ${FEEDBACK_STATUSES.join(", ")}.`,
});

export const FEEDBACK_MESSAGE_MIN = 10;
export const FEEDBACK_MESSAGE_MAX = 5000;
export const FEEDBACK_MAX_LEADS = 50;

/**
 * Plain text: line breaks and tabs are kept (the UI shows them), other control
 * characters are dropped, Windows line ends become \n. Markup stays literal text:
 * it is escaped wherever it is shown.
 */
export function plainText(min: number, max: number, minMessage: string) {
  return z
    .string({ error: () => "Write a message." })
    .transform((text) => text.replace(/\r\n?/g, "\n").replace(/\p{Cc}/gu, (c) => (c === "\n" || c === "\t" ? c : "")).trim())
    .pipe(
      z
        .string()
        .min(min, minMessage)
        .max(max, `Keep the message under ${max.toLocaleString("en")} characters.`),
    );
}

export const feedbackMessageSchema = plainText(FEEDBACK_MESSAGE_MIN, FEEDBACK_MESSAGE_MAX, `Write at least ${FEEDBACK_MESSAGE_MIN} characters.`);
export const feedbackReplyMessageSchema = plainText(1, FEEDBACK_MESSAGE_MAX, "Write a message.");

const idSchema = z.string().trim().min(1, "Give an id.").max(64, "That id is too long.");

export const submitFeedbackSchema = z.object({
  category: feedbackCategorySchema,
  message: feedbackMessageSchema,
  satisfaction: z
    .number({ error: () => "Choose how satisfied you are, from 1 (very unhappy) to 5 (very happy)." })
    .int("Choose a whole number from 1 to 5.")
    .min(1, "Choose a number from 1 to 5.")
    .max(5, "Choose a number from 1 to 5."),
  offerId: idSchema.nullish(),
  leadIds: z
    .array(idSchema)
    .max(FEEDBACK_MAX_LEADS, `Name at most ${FEEDBACK_MAX_LEADS} leads; describe the rest in the message.`)
    .default([])
    .transform((ids) => [...new Set(ids)]),
});
export type SubmitFeedbackInput = z.infer<typeof submitFeedbackSchema>;

export const getFeedbackSchema = z.object({ feedbackId: idSchema });
export type GetFeedbackInput = z.infer<typeof getFeedbackSchema>;

export const replyToFeedbackSchema = z.object({ feedbackId: idSchema, message: feedbackReplyMessageSchema });
export type ReplyToFeedbackInput = z.infer<typeof replyToFeedbackSchema>;
