import { ASSIGNMENT_MODES } from "@leadrelay/leads";
import { z } from "zod";
import { idSchema } from "../followups/_shared";

export const updateAssignmentSchema = z.object({
  mode: z.enum(ASSIGNMENT_MODES),
  /** Members taking turns for round robin (and for offers without a default owner), in order. */
  roundRobinUserIds: z.array(idSchema).max(200).default([]),
});
export type UpdateAssignmentInput = z.infer<typeof updateAssignmentSchema>;
