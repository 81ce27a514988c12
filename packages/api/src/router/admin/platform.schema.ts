import { z } from "zod";

export const auditLogSchema = z.object({
  tenantId: z.string().trim().min(1).max(64, "That tenant id is too long.").optional(),
  action: z.string().trim().min(1).max(100, "That action is too long.").optional(),
  cursor: z.string().max(100).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type AuditLogInput = z.infer<typeof auditLogSchema>;
