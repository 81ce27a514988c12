import type { AppRouter } from "@leadrelay/api";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";

/**
 * A typed Leadrelay client: only the router's *type* comes from @leadrelay/api,
 * so inputs and outputs are checked at compile time and nothing server-side is bundled.
 */
export function createLeadrelayClient(baseUrl: string, token: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${baseUrl.replace(/\/$/, "")}/api/trpc`,
        transformer: superjson,
        headers: () => ({ Authorization: `Bearer ${token}` }),
      }),
    ],
  });
}
