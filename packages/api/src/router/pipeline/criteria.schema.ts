import { MAX_QUALIFICATION_CRITERIA } from "@leadrelay/leads";
import { z } from "zod";
import { idSchema } from "../followups/_shared";

const label = z.string().trim().min(1, "Enter a label.").max(80, "Use at most 80 characters.");
const description = z.string().trim().max(500, "Use at most 500 characters.").nullish();

export const listCriteriaSchema = z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false });
export type ListCriteriaInput = z.infer<typeof listCriteriaSchema>;

export const createCriterionSchema = z.object({ label, description });
export type CreateCriterionInput = z.infer<typeof createCriterionSchema>;

export const updateCriterionSchema = z.object({ criterionId: idSchema, label: label.optional(), description });
export type UpdateCriterionInput = z.infer<typeof updateCriterionSchema>;

/** Archived criteria leave every checklist (and stop counting toward qualification); restoring brings them back. */
export const archiveCriterionSchema = z.object({ criterionId: idSchema, archived: z.boolean().default(true) });
export type ArchiveCriterionInput = z.infer<typeof archiveCriterionSchema>;

export const reorderCriteriaSchema = z.object({ criterionIds: z.array(idSchema).min(1).max(MAX_QUALIFICATION_CRITERIA) });
export type ReorderCriteriaInput = z.infer<typeof reorderCriteriaSchema>;
