import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root";

export { appRouter, createCaller, type AppRouter } from "./root";
export { createTRPCContext, type Context, type TenantContext } from "./trpc";
export { API_SCOPES, API_SCOPE_NAMES, API_TOKEN_PREFIX, isApiScope, type ApiScope } from "./scopes";
export { issueApiToken } from "./router/apiTokens/apiTokens.handler";
export { apiReference, type ProcedureReference } from "./api-reference";
export { SUPPORTED_LOCALES } from "./router/account/signUp.schema";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
