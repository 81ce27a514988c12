import type { TestProject } from "vitest/node";
import { startAppServer } from "./app-server";

/** Serves the production build against this run's database (set by test/global-setup.ts). */
export default async function setup(project: TestProject) {
  const server = await startAppServer({
    env: {
      LEADRELAY_SIGNIN_MAX_FAILURES: "5",
      LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS: "true",
    },
  });
  project.provide("baseUrl", server.baseUrl);

  return async () => {
    await server.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
