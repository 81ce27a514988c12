import { z } from "zod";

export const roleSchema = z.enum(["OWNER", "ADMIN", "MEMBER"]);
export const updateRoleSchema = z.object({ userId: z.string().min(1), role: roleSchema });
export type UpdateRoleInput = z.infer<typeof updateRoleSchema>;
export const removeMemberSchema = z.object({ userId: z.string().min(1) });
export type RemoveMemberInput = z.infer<typeof removeMemberSchema>;
