import { accountRouter } from "./router/account/_router";
import { adminRouter } from "./router/admin/_router";
import { apiTokensRouter } from "./router/apiTokens/_router";
import { deliveriesRouter } from "./router/deliveries/_router";
import { destinationsRouter } from "./router/destinations/_router";
import { feedbackRouter } from "./router/feedback/_router";
import { invitationsRouter } from "./router/invitations/_router";
import { membersRouter } from "./router/members/_router";
import { tenantRouter } from "./router/tenant/_router";
import { captureEndpointsRouter } from "./router/captureEndpoints/_router";
import { leadsRouter } from "./router/leads/_router";
import { offersRouter } from "./router/offers/_router";
import { followUpsRouter } from "./router/followups/_router";
import { insightsRouter } from "./router/insights/_router";
import { notificationsRouter } from "./router/notifications/_router";
import { pipelineRouter } from "./router/pipeline/_router";
import { tableImportsRouter } from "./router/tableImports/_router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  tenant: tenantRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  admin: adminRouter,
  feedback: feedbackRouter,
  apiTokens: apiTokensRouter,
  destinations: destinationsRouter,
  deliveries: deliveriesRouter,
  offers: offersRouter,
  captureEndpoints: captureEndpointsRouter,
  leads: leadsRouter,
  pipeline: pipelineRouter,
  followUps: followUpsRouter,
  insights: insightsRouter,
  notifications: notificationsRouter,
  tableImports: tableImportsRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller: `createCaller(createTRPCContext({ session }))`. */
export const createCaller = createCallerFactory(appRouter);
