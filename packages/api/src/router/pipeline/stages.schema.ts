import { MAX_PIPELINE_STAGES, STAGE_KINDS } from "@leadrelay/leads";
import { z } from "zod";
import { idSchema } from "../followups/_shared";

const name = z.string().trim().min(1, "Enter a name.").max(60, "Use at most 60 characters.");
const description = z.string().trim().max(500, "Use at most 500 characters.").nullish().transform((v) => (v ? v : null));

export const createStageSchema = z.object({
  name,
  description,
  kind: z.enum(STAGE_KINDS).default("OPEN"),
  isNurture: z.boolean().default(false),
});
export type CreateStageInput = z.infer<typeof createStageSchema>;

export const updateStageSchema = z.object({
  stageId: idSchema,
  name: name.optional(),
  description: z.string().trim().max(500, "Use at most 500 characters.").nullish(),
  kind: z.enum(STAGE_KINDS).optional(),
  isNurture: z.boolean().optional(),
});
export type UpdateStageInput = z.infer<typeof updateStageSchema>;

export const reorderStagesSchema = z.object({ stageIds: z.array(idSchema).min(1).max(MAX_PIPELINE_STAGES) });
export type ReorderStagesInput = z.infer<typeof reorderStagesSchema>;

export const deleteStageSchema = z.object({
  stageId: idSchema,
  /** Where the stage's leads go. */
  moveLeadsToStageId: idSchema,
});
export type DeleteStageInput = z.infer<typeof deleteStageSchema>;
