import { accountRouter } from "./router/account/_router";
import { adminRouter } from "./router/admin/_router";
import { apiTokensRouter } from "./router/apiTokens/_router";
import { invitationsRouter } from "./router/invitations/_router";
import { membersRouter } from "./router/members/_router";
import { tenantRouter } from "./router/tenant/_router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  tenant: tenantRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  admin: adminRouter,
  apiTokens: apiTokensRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller: `createCaller(createTRPCContext({ session }))`. */
export const createCaller = createCallerFactory(appRouter);
