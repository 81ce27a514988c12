import { z } from "zod";
import { API_SCOPE_NAMES, type ApiScope } from "../../scopes";

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Name the token (e.g. what uses it).").max(80),
  scopes: z
    .array(z.enum(API_SCOPE_NAMES as [ApiScope, ...ApiScope[]]))
    .min(1, "Choose at least one scope.")
    .transform((scopes) => [...new Set(scopes)]),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.object({ tokenId: z.string().min(1) });
export type RevokeApiTokenInput = z.infer<typeof revokeApiTokenSchema>;
