/** The pieces benchmarks share: a signed-up tenant owner, a local webhook sink, `next start`, RSS of a process tree. */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { createCaller, createTRPCContext } from "@leadrelay/api";
import { sleep, uid } from "./common";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const WEB_DIR = path.join(REPO_ROOT, "apps", "web");

export type Caller = ReturnType<typeof createCaller>;

export function callerFor(userId: string | null): Caller {
  return createCaller(
    createTRPCContext({
      session: userId ? { userId } : null,
      headers: new Headers({ "x-forwarded-for": `10.${randomBytes(3).join(".")}` }),
      baseUrl: "http://127.0.0.1:3000",
    }),
  );
}

export interface Owner {
  userId: string;
  tenantId: string;
  caller: Caller;
}

/** Signs up through the real `account.signUp`: a user and the tenant they own, with a session caller. */
export async function signUpOwner(label: string): Promise<Owner> {
  const result = await callerFor(null).account.signUp({
    name: `Bench ${label}`,
    email: `bench-${label}-${uid()}@example.test`,
    password: "correct-horse-battery-staple",
    companyName: `Bench ${label} ${uid()}`,
  });
  return { userId: result.userId, tenantId: result.tenant.id, caller: callerFor(result.userId) };
}

export interface Sink {
  url: string;
  received: number;
  /** Called with the body and the arrival time (performance.now()) of each request. */
  onRequest: ((body: string, at: number) => void) | null;
  close(): Promise<void>;
}

/** A webhook destination that answers 200 at once. */
export async function startSink(): Promise<Sink> {
  const sink: Sink = { url: "", received: 0, onRequest: null, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const at = performance.now();
      sink.received += 1;
      sink.onRequest?.(Buffer.concat(chunks).toString("utf8"), at);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  sink.url = `http://127.0.0.1:${port}/hook`;
  sink.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return sink;
}

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

export interface NextServer {
  baseUrl: string;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

/** `next start` on the production build (as apps/web/e2e/server.setup.ts does), against `env.DATABASE_URL`. */
export async function startNext(env: Record<string, string>): Promise<NextServer> {
  if (!existsSync(path.join(WEB_DIR, ".next", "BUILD_ID"))) throw new Error("apps/web has no production build (run without --no-build).");
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(path.join(WEB_DIR, "node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: WEB_DIR,
    detached: true,
    env: { ...process.env, ...env, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output = (output + String(d)).slice(-20_000)));
  child.stderr?.on("data", (d) => (output = (output + String(d)).slice(-20_000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not become healthy in 90 s:\n${output}`);
    await sleep(250);
  }
  return {
    baseUrl,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || !child.pid) return;
      process.kill(-child.pid, "SIGTERM");
      for (let i = 0; i < 40 && child.exitCode === null; i++) await sleep(250);
      if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    },
  };
}

/** Resident memory (VmRSS) of a process and all its descendants, in bytes. */
export function treeRss(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // exited meanwhile
    }
  }
  let total = 0;
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    try {
      const match = /VmRSS:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // exited meanwhile
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Samples `treeRss` every `everyMs` until stopped; returns the peak. */
export function sampleRss(rootPid: number, everyMs = 200): { stop(): number } {
  let peak = treeRss(rootPid);
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(rootPid))), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, treeRss(rootPid));
    },
  };
}

/** One marketplace HTTPS-endpoint lead (see /work/shared/domain.md), unique by `n`. */
export function marketplaceLead(run: string, n: number): string {
  return JSON.stringify({
    UserDetails: {
      FirstName: "Ada",
      LastName: `Lovelace ${n}`,
      Email: `ada.${run}.${n}@contoso-bench.example`,
      Phone: "+44 20 7946 0000",
      Country: "GB",
      Company: `Contoso ${n % 997}`,
      Title: "CTO",
    },
    LeadSource: "AzureMarketplace",
    ActionCode: "INS",
    OfferTitle: "Bench Analytics",
    Description: "Interested in the enterprise plan",
  });
}
