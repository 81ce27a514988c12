import { createTRPCRouter, tenantProcedure } from "../../trpc";
import { captureLeadHandler } from "./capture.handler";
import { captureLeadSchema } from "./capture.schema";
import { createLeadHandler } from "./create.handler";
import { createLeadSchema } from "./create.schema";
import { leadDiagnosticsHandler } from "./diagnostics.handler";
import { leadDiagnosticsSchema } from "./diagnostics.schema";
import { exportLeadsHandler } from "./export.handler";
import { exportLeadsSchema } from "./export.schema";
import { getLeadHandler } from "./get.handler";
import { getLeadSchema } from "./get.schema";
import { importCsvHandler } from "./importCsv.handler";
import { importCsvSchema } from "./importCsv.schema";
import { listLeadsHandler } from "./list.handler";
import { listLeadsSchema } from "./list.schema";

/** Every member works the inbox: reads, capture, manual entry and imports. */
export const leadsRouter = createTRPCRouter({
  list: tenantProcedure.meta({ scope: "leads:read" }).input(listLeadsSchema).query(listLeadsHandler),
  get: tenantProcedure.meta({ scope: "leads:read" }).input(getLeadSchema).query(getLeadHandler),
  export: tenantProcedure.meta({ scope: "leads:read" }).input(exportLeadsSchema).mutation(exportLeadsHandler),
  diagnostics: tenantProcedure.meta({ scope: "leads:read" }).input(leadDiagnosticsSchema).query(leadDiagnosticsHandler),
  capture: tenantProcedure.meta({ scope: "leads:write" }).input(captureLeadSchema).mutation(captureLeadHandler),
  create: tenantProcedure.meta({ scope: "leads:write" }).input(createLeadSchema).mutation(createLeadHandler),
  importCsv: tenantProcedure.meta({ scope: "leads:write" }).input(importCsvSchema).mutation(importCsvHandler),
});
