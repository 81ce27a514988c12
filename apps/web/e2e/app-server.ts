import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const appDir = path.resolve(import.meta.dirname, "..");

export function freePort(): Promise<number> {
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

export interface AppServer {
  /** http://localhost:<port> (Auth.js redirects there, and cookies must match; see offline notes). */
  baseUrl: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote so far. */
  output: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  /** SIGTERM to the process group, SIGKILL if it lingers. */
  stop: () => Promise<void>;
  /** SIGKILL to the whole process group at once (a crash: no shutdown code runs). */
  kill: () => Promise<void>;
}

/**
 * `next start` of the production build (apps/web/.next) in a process group of its own,
 * resolved once /api/health answers. `env` is added to this process's environment.
 */
export async function startAppServer(options: { env?: Record<string, string>; port?: number } = {}): Promise<AppServer> {
  if (!existsSync(path.join(appDir, ".next", "BUILD_ID"))) {
    throw new Error("apps/web has no production build. Run the tests with `pnpm test`, which builds first (or `pnpm build`).");
  }
  const port = options.port ?? (await freePort());
  let output = "";
  const child = spawn(path.join(appDir, "node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: appDir,
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: "production",
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const baseUrl = `http://localhost:${port}`;
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (error) {
    signalGroup("SIGKILL");
    throw error;
  }
  return {
    baseUrl,
    port,
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (!running()) return;
      signalGroup("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 500))]);
      if (running()) signalGroup("SIGKILL");
      await exited;
    },
    kill: async () => {
      signalGroup("SIGKILL");
      await exited;
    },
  };
}
