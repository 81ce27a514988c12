import { emailSchema } from "@leadrelay/auth/password-policy";
import { z } from "zod";
import { roleSchema } from "../members/members.schema";

export const createInvitationSchema = z.object({ email: emailSchema, role: roleSchema.default("MEMBER") });
export type CreateInvitationInput = z.infer<typeof createInvitationSchema>;
export const invitationIdSchema = z.object({ invitationId: z.string().min(1) });
export type InvitationIdInput = z.infer<typeof invitationIdSchema>;
export const invitationTokenSchema = z.object({ token: z.string().min(20).max(200) });
export type InvitationTokenInput = z.infer<typeof invitationTokenSchema>;
