import { createTRPCRouter, platformAdminProcedure } from "../../trpc";
import { listTenantsHandler, setTenantStatusHandler } from "./admin.handler";
import { listTenantsSchema, setTenantStatusSchema } from "./admin.schema";

export const adminRouter = createTRPCRouter({
  listTenants: platformAdminProcedure.input(listTenantsSchema).query(listTenantsHandler),
  setTenantStatus: platformAdminProcedure.input(setTenantStatusSchema).mutation(setTenantStatusHandler),
});
