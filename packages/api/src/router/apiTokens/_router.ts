import { createTRPCRouter, tenantAdminProcedure, tenantProcedure } from "../../trpc";
import { createApiTokenHandler, listApiTokensHandler, revokeApiTokenHandler, scopesHandler } from "./apiTokens.handler";
import { createApiTokenSchema, revokeApiTokenSchema } from "./apiTokens.schema";

// Session only (no scope): a token cannot mint or revoke tokens.
export const apiTokensRouter = createTRPCRouter({
  list: tenantAdminProcedure.query(listApiTokensHandler),
  scopes: tenantProcedure.query(scopesHandler),
  create: tenantAdminProcedure.input(createApiTokenSchema).mutation(createApiTokenHandler),
  revoke: tenantAdminProcedure.input(revokeApiTokenSchema).mutation(revokeApiTokenHandler),
});
