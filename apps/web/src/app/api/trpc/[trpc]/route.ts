import { appRouter, createTRPCContext } from "@leadrelay/api";
import { getSession } from "@leadrelay/auth";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { publicBaseUrl } from "~/lib/base-url";

const handler = async (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    router: appRouter,
    req,
    createContext: async () =>
      createTRPCContext({ session: await getSession(), headers: req.headers, baseUrl: publicBaseUrl(req.headers) }),
    // 429s tell clients when to come back.
    responseMeta({ errors }) {
      const retryAfter = errors
        .map((error) => (error as { retryAfterSeconds?: number }).retryAfterSeconds)
        .find((seconds): seconds is number => typeof seconds === "number");
      return retryAfter ? { headers: new Headers({ "Retry-After": String(retryAfter) }) } : {};
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });

export { handler as GET, handler as POST };
