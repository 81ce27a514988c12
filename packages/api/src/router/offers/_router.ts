import { createTRPCRouter, tenantAdminProcedure, tenantProcedure } from "../../trpc";
import { createOfferHandler } from "./create.handler";
import { createOfferSchema } from "./create.schema";
import { getOfferHandler } from "./get.handler";
import { getOfferSchema } from "./get.schema";
import { listOffersHandler } from "./list.handler";
import { updateOfferHandler } from "./update.handler";
import { updateOfferSchema } from "./update.schema";

/** Reads for every member; changes for owners and admins. */
export const offersRouter = createTRPCRouter({
  list: tenantProcedure.meta({ scope: "offers:read" }).query(listOffersHandler),
  get: tenantProcedure.meta({ scope: "offers:read" }).input(getOfferSchema).query(getOfferHandler),
  create: tenantAdminProcedure.meta({ scope: "offers:write" }).input(createOfferSchema).mutation(createOfferHandler),
  update: tenantAdminProcedure.meta({ scope: "offers:write" }).input(updateOfferSchema).mutation(updateOfferHandler),
});
