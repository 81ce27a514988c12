import { createTRPCRouter, protectedProcedure, publicProcedure, tenantAdminProcedure } from "../../trpc";
import {
  acceptInvitationHandler,
  createInvitationHandler,
  listInvitationsHandler,
  previewInvitationHandler,
  revokeInvitationHandler,
} from "./invitations.handler";
import { createInvitationSchema, invitationIdSchema, invitationTokenSchema } from "./invitations.schema";

export const invitationsRouter = createTRPCRouter({
  list: tenantAdminProcedure.query(listInvitationsHandler),
  create: tenantAdminProcedure.input(createInvitationSchema).mutation(createInvitationHandler),
  revoke: tenantAdminProcedure.input(invitationIdSchema).mutation(revokeInvitationHandler),
  preview: publicProcedure.input(invitationTokenSchema).query(previewInvitationHandler),
  accept: protectedProcedure.input(invitationTokenSchema).mutation(acceptInvitationHandler),
});
