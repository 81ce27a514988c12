import { createTRPCRouter, platformAdminProcedure } from "../../trpc";
import { listTenantsHandler, setTenantStatusHandler, tenantDetailHandler, updatePlanLimitsHandler } from "./admin.handler";
import { listTenantsSchema, setTenantStatusSchema, tenantDetailSchema, updatePlanLimitsSchema } from "./admin.schema";
import { getFeedbackInboxItemHandler, listFeedbackInboxHandler, setFeedbackStatusHandler, staffReplyHandler } from "./feedbackInbox.handler";
import { getFeedbackInboxItemSchema, listFeedbackInboxSchema, setFeedbackStatusSchema, staffReplySchema } from "./feedbackInbox.schema";
import { auditActionsHandler, auditLogHandler, deliveryHealthHandler } from "./platform.handler";
import { auditLogSchema } from "./platform.schema";

/** The feedback inbox: every tenant's feedback, triaged and answered by staff. */
const adminFeedbackRouter = createTRPCRouter({
  list: platformAdminProcedure.input(listFeedbackInboxSchema).query(listFeedbackInboxHandler),
  get: platformAdminProcedure.input(getFeedbackInboxItemSchema).query(getFeedbackInboxItemHandler),
  setStatus: platformAdminProcedure.input(setFeedbackStatusSchema).mutation(setFeedbackStatusHandler),
  reply: platformAdminProcedure.input(staffReplySchema).mutation(staffReplyHandler),
});

/** Platform staff only (a flag on the user); every change is audited in the tenant it touches. */
export const adminRouter = createTRPCRouter({
  listTenants: platformAdminProcedure.input(listTenantsSchema).query(listTenantsHandler),
  tenantDetail: platformAdminProcedure.input(tenantDetailSchema).query(tenantDetailHandler),
  setTenantStatus: platformAdminProcedure.input(setTenantStatusSchema).mutation(setTenantStatusHandler),
  updatePlanLimits: platformAdminProcedure.input(updatePlanLimitsSchema).mutation(updatePlanLimitsHandler),
  feedback: adminFeedbackRouter,
  deliveryHealth: platformAdminProcedure.query(deliveryHealthHandler),
  auditLog: platformAdminProcedure.input(auditLogSchema).query(auditLogHandler),
  auditActions: platformAdminProcedure.query(auditActionsHandler),
});
