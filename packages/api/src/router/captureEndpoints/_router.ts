import { createTRPCRouter, tenantAdminProcedure, tenantProcedure } from "../../trpc";
import { createCaptureEndpointHandler } from "./create.handler";
import { createCaptureEndpointSchema } from "./create.schema";
import { listCaptureEndpointsHandler } from "./list.handler";
import { rotateCaptureEndpointHandler } from "./rotate.handler";
import { rotateCaptureEndpointSchema } from "./rotate.schema";

/** Every member may see and copy the URLs; owners and admins create and rotate them. */
export const captureEndpointsRouter = createTRPCRouter({
  list: tenantProcedure.meta({ scope: "offers:read" }).query(listCaptureEndpointsHandler),
  create: tenantAdminProcedure.meta({ scope: "offers:write" }).input(createCaptureEndpointSchema).mutation(createCaptureEndpointHandler),
  rotate: tenantAdminProcedure.meta({ scope: "offers:write" }).input(rotateCaptureEndpointSchema).mutation(rotateCaptureEndpointHandler),
});
