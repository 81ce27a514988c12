import { createTRPCRouter, tenantAdminProcedure, tenantProcedure } from "../../trpc";
import { createDestinationHandler } from "./create.handler";
import { createDestinationSchema } from "./create.schema";
import { deleteDestinationHandler } from "./delete.handler";
import { deleteDestinationSchema } from "./delete.schema";
import { destinationDeliveriesHandler } from "./deliveries.handler";
import { destinationDeliveriesSchema } from "./deliveries.schema";
import { disableDestinationHandler } from "./disable.handler";
import { disableDestinationSchema } from "./disable.schema";
import { enableDestinationHandler } from "./enable.handler";
import { enableDestinationSchema } from "./enable.schema";
import { getDestinationHandler } from "./get.handler";
import { getDestinationSchema } from "./get.schema";
import { destinationKindsHandler } from "./kinds.handler";
import { listDestinationsHandler } from "./list.handler";
import { listDestinationsSchema } from "./list.schema";
import { pauseDestinationHandler } from "./pause.handler";
import { pauseDestinationSchema } from "./pause.schema";
import { replayDeliveryHandler } from "./replayDelivery.handler";
import { replayDeliverySchema } from "./replayDelivery.schema";
import { replayFailedHandler } from "./replayFailed.handler";
import { replayFailedSchema } from "./replayFailed.schema";
import { resumeDestinationHandler } from "./resume.handler";
import { resumeDestinationSchema } from "./resume.schema";
import { sendTestLeadHandler } from "./sendTestLead.handler";
import { sendTestLeadSchema } from "./sendTestLead.schema";
import { updateDestinationHandler } from "./update.handler";
import { updateDestinationSchema } from "./update.schema";

/** Reads for every member; changes, tests and replays for owners and admins (and tokens with the scope). */
export const destinationsRouter = createTRPCRouter({
  list: tenantProcedure.meta({ scope: "destinations:read" }).input(listDestinationsSchema).query(listDestinationsHandler),
  get: tenantProcedure.meta({ scope: "destinations:read" }).input(getDestinationSchema).query(getDestinationHandler),
  kinds: tenantProcedure.meta({ scope: "destinations:read" }).query(destinationKindsHandler),
  deliveries: tenantProcedure.meta({ scope: "destinations:read" }).input(destinationDeliveriesSchema).query(destinationDeliveriesHandler),
  create: tenantAdminProcedure.meta({ scope: "destinations:manage" }).input(createDestinationSchema).mutation(createDestinationHandler),
  update: tenantAdminProcedure.meta({ scope: "destinations:manage" }).input(updateDestinationSchema).mutation(updateDestinationHandler),
  delete: tenantAdminProcedure.meta({ scope: "destinations:manage" }).input(deleteDestinationSchema).mutation(deleteDestinationHandler),
  pause: tenantAdminProcedure.meta({ scope: "destinations:manage" }).input(pauseDestinationSchema).mutation(pauseDestinationHandler),
  resume: tenantAdminProcedure.meta({ scope: "destinations:manage" }).input(resumeDestinationSchema).mutation(resumeDestinationHandler),
  disable: tenantAdminProcedure.meta({ scope: "destinations:manage" }).input(disableDestinationSchema).mutation(disableDestinationHandler),
  enable: tenantAdminProcedure.meta({ scope: "destinations:manage" }).input(enableDestinationSchema).mutation(enableDestinationHandler),
  sendTestLead: tenantAdminProcedure.meta({ scope: "destinations:manage" }).input(sendTestLeadSchema).mutation(sendTestLeadHandler),
  replayDelivery: tenantAdminProcedure.meta({ scope: "destinations:manage" }).input(replayDeliverySchema).mutation(replayDeliveryHandler),
  replayFailed: tenantAdminProcedure.meta({ scope: "destinations:manage" }).input(replayFailedSchema).mutation(replayFailedHandler),
});
