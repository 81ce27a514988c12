import { z } from "zod";
import { idSchema, ownerFilterSchema, timeZoneSchema } from "./_shared";

export const dueSchema = z
  .object({
    /** `me` (default), `any` for the whole team, `unassigned`, or a member's user id. */
    owner: ownerFilterSchema.default("me"),
    timeZone: timeZoneSchema,
    limit: z.number().int().min(1).max(200).default(100),
  })
  .default({ owner: "me", timeZone: "UTC", limit: 100 });
export type DueInput = z.infer<typeof dueSchema>;

export const LIST_FLAGS = ["overdue", "due", "silent", "uncontacted", "belowRange", "withinRange", "aboveRange", "nurture", "qualified"] as const;

export const listSchema = z
  .object({
    owner: ownerFilterSchema,
    stageId: idSchema.optional(),
    offerId: idSchema.optional(),
    q: z.string().trim().max(100).optional(),
    flag: z.enum(LIST_FLAGS).optional(),
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(100).default(50),
    timeZone: timeZoneSchema,
  })
  .default({ owner: "any", limit: 50, timeZone: "UTC" });
export type ListInput = z.infer<typeof listSchema>;
