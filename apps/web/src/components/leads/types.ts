import type { AppRouter } from "@leadrelay/api";
import type { inferRouterOutputs } from "@trpc/server";

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type LeadDetail = RouterOutputs["leads"]["get"];
export type LeadDiagnostics = RouterOutputs["leads"]["diagnostics"];
