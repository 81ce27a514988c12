import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import type { TestProject } from "vitest/node";

const appDir = path.resolve(import.meta.dirname, "..");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The app did not become healthy within 60 s:\n${log()}`);
}

/** Serves the production build against this run's database (set by test/global-setup.ts). */
export default async function setup(project: TestProject) {
  if (!existsSync(path.join(appDir, ".next", "BUILD_ID"))) {
    throw new Error("apps/web has no production build. Run the tests with `pnpm test`, which builds first (or `pnpm build`).");
  }
  const port = await freePort();
  let output = "";
  const child = spawn(path.join(appDir, "node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: appDir,
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: "production",
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      LEADRELAY_SIGNIN_MAX_FAILURES: "5",
      LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS: "true",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  // Browse at localhost: Auth.js redirects there, and cookies must match (see offline notes).
  const baseUrl = `http://localhost:${port}`;
  await waitForHealth(baseUrl, child, () => output);
  project.provide("baseUrl", baseUrl);

  return async () => {
    if (child.pid && child.exitCode === null) {
      process.kill(-child.pid, "SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
      if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    }
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
