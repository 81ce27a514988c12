import { createTRPCRouter, tenantOwnerProcedure, tenantProcedure } from "../../trpc";
import { leaveTenantHandler, listMembersHandler, removeMemberHandler, updateRoleHandler } from "./members.handler";
import { removeMemberSchema, updateRoleSchema } from "./members.schema";

export const membersRouter = createTRPCRouter({
  list: tenantProcedure.query(listMembersHandler),
  updateRole: tenantOwnerProcedure.input(updateRoleSchema).mutation(updateRoleHandler),
  remove: tenantOwnerProcedure.input(removeMemberSchema).mutation(removeMemberHandler),
  leave: tenantProcedure.mutation(leaveTenantHandler),
});
