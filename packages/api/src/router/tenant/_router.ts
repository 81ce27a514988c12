import { createTRPCRouter, tenantAdminProcedure, tenantOwnerProcedure, tenantProcedure } from "../../trpc";
import { auditLogHandler, currentTenantHandler, renameTenantHandler } from "./tenant.handler";
import { renameTenantSchema } from "./tenant.schema";

export const tenantRouter = createTRPCRouter({
  current: tenantProcedure.query(currentTenantHandler),
  rename: tenantAdminProcedure.input(renameTenantSchema).mutation(renameTenantHandler),
  auditLog: tenantOwnerProcedure.query(auditLogHandler),
});
