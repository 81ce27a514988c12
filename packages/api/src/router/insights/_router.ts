import { createTRPCRouter, tenantProcedure } from "../../trpc";
import { dashboardHandler, offersHandler } from "./dashboard.handler";
import { dashboardSchema } from "./dashboard.schema";

/** The KPI dashboard: every member may read it. */
export const insightsRouter = createTRPCRouter({
  dashboard: tenantProcedure.meta({ scope: "leads:read" }).input(dashboardSchema).query(dashboardHandler),
  offers: tenantProcedure.meta({ scope: "leads:read" }).query(offersHandler),
});
