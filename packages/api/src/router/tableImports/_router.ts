import { createTRPCRouter, tenantAdminProcedure, tenantProcedure } from "../../trpc";
import { createTableImportHandler } from "./create.handler";
import { createTableImportSchema } from "./create.schema";
import { deleteTableImportHandler } from "./delete.handler";
import { deleteTableImportSchema } from "./delete.schema";
import { listTableImportsHandler } from "./list.handler";
import { syncTableImportHandler } from "./syncNow.handler";
import { syncTableImportSchema } from "./syncNow.schema";
import { testTableImportHandler } from "./test.handler";
import { testTableImportSchema } from "./test.schema";
import { updateTableImportHandler } from "./update.handler";
import { updateTableImportSchema } from "./update.schema";

/**
 * Azure Table imports (a capture channel): reads for every member, changes, tests and
 * syncs for owners and admins (and API tokens with the leads scopes).
 */
export const tableImportsRouter = createTRPCRouter({
  list: tenantProcedure.meta({ scope: "leads:read" }).query(listTableImportsHandler),
  create: tenantAdminProcedure.meta({ scope: "leads:write" }).input(createTableImportSchema).mutation(createTableImportHandler),
  update: tenantAdminProcedure.meta({ scope: "leads:write" }).input(updateTableImportSchema).mutation(updateTableImportHandler),
  delete: tenantAdminProcedure.meta({ scope: "leads:write" }).input(deleteTableImportSchema).mutation(deleteTableImportHandler),
  syncNow: tenantAdminProcedure.meta({ scope: "leads:write" }).input(syncTableImportSchema).mutation(syncTableImportHandler),
  test: tenantAdminProcedure.meta({ scope: "leads:write" }).input(testTableImportSchema).mutation(testTableImportHandler),
});
