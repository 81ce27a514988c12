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

/** Reads for every member; changes, tests and replays for owners and admins. */
export const destinationsRouter = createTRPCRouter({
  list: tenantProcedure.input(listDestinationsSchema).query(listDestinationsHandler),
  get: tenantProcedure.input(getDestinationSchema).query(getDestinationHandler),
  kinds: tenantProcedure.query(destinationKindsHandler),
  deliveries: tenantProcedure.input(destinationDeliveriesSchema).query(destinationDeliveriesHandler),
  create: tenantAdminProcedure.input(createDestinationSchema).mutation(createDestinationHandler),
  update: tenantAdminProcedure.input(updateDestinationSchema).mutation(updateDestinationHandler),
  delete: tenantAdminProcedure.input(deleteDestinationSchema).mutation(deleteDestinationHandler),
  pause: tenantAdminProcedure.input(pauseDestinationSchema).mutation(pauseDestinationHandler),
  resume: tenantAdminProcedure.input(resumeDestinationSchema).mutation(resumeDestinationHandler),
  disable: tenantAdminProcedure.input(disableDestinationSchema).mutation(disableDestinationHandler),
  enable: tenantAdminProcedure.input(enableDestinationSchema).mutation(enableDestinationHandler),
  sendTestLead: tenantAdminProcedure.input(sendTestLeadSchema).mutation(sendTestLeadHandler),
  replayDelivery: tenantAdminProcedure.input(replayDeliverySchema).mutation(replayDeliveryHandler),
  replayFailed: tenantAdminProcedure.input(replayFailedSchema).mutation(replayFailedHandler),
});
