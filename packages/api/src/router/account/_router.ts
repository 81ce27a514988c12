import { createTRPCRouter, protectedProcedure, publicProcedure } from "../../trpc";
import { meHandler } from "./me.handler";
import { signUpHandler } from "./signUp.handler";
import { signUpSchema } from "./signUp.schema";
import { createTenantHandler, setLocaleHandler, switchTenantHandler } from "./switchTenant.handler";
import { createTenantSchema, setLocaleSchema, switchTenantSchema } from "./switchTenant.schema";

export const accountRouter = createTRPCRouter({
  signUp: publicProcedure.input(signUpSchema).mutation(signUpHandler),
  me: protectedProcedure.query(meHandler),
  switchTenant: protectedProcedure.input(switchTenantSchema).mutation(switchTenantHandler),
  createTenant: protectedProcedure.input(createTenantSchema).mutation(createTenantHandler),
  setLocale: protectedProcedure.input(setLocaleSchema).mutation(setLocaleHandler),
});
