import { createTRPCRouter, tenantProcedure } from "../../trpc";
import { logActivityHandler, scheduleHandler, setQualificationHandler, startNurtureHandler } from "./activity.handler";
import { logActivitySchema, scheduleSchema, setQualificationSchema, startNurtureSchema } from "./activity.schema";
import { leadFollowUpHandler, timelineHandler } from "./lead.handler";
import { leadFollowUpSchema, timelineSchema } from "./lead.schema";
import { dueHandler, listHandler } from "./lists.handler";
import { dueSchema, listSchema } from "./lists.schema";

/** Follow-up work on leads, for every member of the tenant (and API tokens with the followups scopes). */
export const followUpsRouter = createTRPCRouter({
  lead: tenantProcedure.meta({ scope: "followups:read" }).input(leadFollowUpSchema).query(leadFollowUpHandler),
  timeline: tenantProcedure.meta({ scope: "followups:read" }).input(timelineSchema).query(timelineHandler),
  due: tenantProcedure.meta({ scope: "followups:read" }).input(dueSchema).query(dueHandler),
  list: tenantProcedure.meta({ scope: "followups:read" }).input(listSchema).query(listHandler),
  logActivity: tenantProcedure.meta({ scope: "followups:write" }).input(logActivitySchema).mutation(logActivityHandler),
  schedule: tenantProcedure.meta({ scope: "followups:write" }).input(scheduleSchema).mutation(scheduleHandler),
  startNurture: tenantProcedure.meta({ scope: "followups:write" }).input(startNurtureSchema).mutation(startNurtureHandler),
  setQualification: tenantProcedure.meta({ scope: "followups:write" }).input(setQualificationSchema).mutation(setQualificationHandler),
});
