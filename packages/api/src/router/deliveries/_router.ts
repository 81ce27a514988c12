import { createTRPCRouter, tenantProcedure } from "../../trpc";
import { deliveriesForLeadHandler } from "./forLead.handler";
import { deliveriesForLeadSchema } from "./forLead.schema";

export const deliveriesRouter = createTRPCRouter({
  forLead: tenantProcedure.input(deliveriesForLeadSchema).query(deliveriesForLeadHandler),
});
