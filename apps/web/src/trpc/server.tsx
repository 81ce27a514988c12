import "server-only";

import { appRouter, createCaller, createTRPCContext } from "@leadrelay/api";
import { getSession } from "@leadrelay/auth";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache } from "react";
import { publicBaseUrl } from "~/lib/base-url";
import { createQueryClient } from "./query-client";

/** One context per request, shared by the caller and the prefetch proxy. */
const createContext = cache(async () => {
  const h = new Headers(await headers());
  h.set("x-trpc-source", "rsc");
  return createTRPCContext({ session: await getSession(), headers: h, baseUrl: publicBaseUrl(h) });
});

const getQueryClient = cache(createQueryClient);

export const trpc = createTRPCOptionsProxy({ router: appRouter, ctx: createContext, queryClient: getQueryClient });

/** Direct server-side calls (e.g. in layouts that redirect). */
export const serverCaller = cache(async () => createCaller(await createContext()));

export function HydrateClient({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function prefetch<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T) {
  void getQueryClient().prefetchQuery(queryOptions);
}
