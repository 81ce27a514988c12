import { createTRPCRouter, tenantProcedure } from "../../trpc";
import { deliveriesForLeadHandler } from "./forLead.handler";
import { deliveriesForLeadSchema } from "./forLead.schema";

export const deliveriesRouter = createTRPCRouter({
  forLead: tenantProcedure.meta({ scope: "leads:read" }).input(deliveriesForLeadSchema).query(deliveriesForLeadHandler),
});
