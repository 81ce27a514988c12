import { createTRPCRouter, tenantProcedure } from "../../trpc";
import { listNotificationsHandler, markAllReadHandler, markReadHandler, unreadCountHandler } from "./notifications.handler";
import { listNotificationsSchema, markReadSchema } from "./notifications.schema";

/** In-app notices (follow-up digests and others) for the signed-in member. */
export const notificationsRouter = createTRPCRouter({
  list: tenantProcedure.input(listNotificationsSchema).query(listNotificationsHandler),
  unreadCount: tenantProcedure.query(unreadCountHandler),
  markRead: tenantProcedure.input(markReadSchema).mutation(markReadHandler),
  markAllRead: tenantProcedure.mutation(markAllReadHandler),
});
