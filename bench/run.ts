/**
 * `pnpm bench` (run it as `flock /tmp/leadrelay-web.lock pnpm bench` on a shared machine):
 * builds apps/web, then runs each benchmark on a database of its own, each figure beside
 * its reference from the same run; prints a table and writes bench/results/latest.json.
 *
 *   pnpm bench                          everything, with the parameters
 *   pnpm bench -- --only capture,inbox  some of: capture, delivery, inbox, insights, bundle
 *   pnpm bench -- --quick               short runs and 100k-lead datasets, for development
 *   pnpm bench -- --no-build            reuse apps/web/.next as it is
 *   pnpm bench -- --no-write            do not overwrite latest.json
 *   pnpm bench -- --web-lock /tmp/leadrelay-web.lock
 *                                       hold this flock(1) lock only while building and serving apps/web
 *                                       (the database benchmarks run first, without it)
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "./lib/app";
import { benchEnv, log, type BenchOptions, type Figure } from "./lib/common";

const BENCHMARKS = ["capture", "delivery", "inbox", "insights", "bundle"] as const;

function parseArgs(argv: string[]) {
  const args = argv.filter((a) => a !== "--");
  const onlyArg = args.find((a) => a.startsWith("--only"));
  const onlyValue = onlyArg?.includes("=")
    ? onlyArg.split("=")[1]
    : onlyArg
      ? args[args.indexOf(onlyArg) + 1]
      : undefined;
  const only = onlyValue
    ? new Set(
        onlyValue
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      )
    : null;
  for (const name of only ?? []) {
    if (!(BENCHMARKS as readonly string[]).includes(name))
      throw new Error(`Unknown benchmark "${name}"; choose from ${BENCHMARKS.join(", ")}`);
  }
  const lockArg = args.find((a) => a.startsWith("--web-lock"));
  const webLock = lockArg?.includes("=")
    ? lockArg.split("=")[1]
    : lockArg
      ? args[args.indexOf(lockArg) + 1]
      : undefined;
  return {
    quick: args.includes("--quick"),
    only,
    build: !args.includes("--no-build"),
    write: !args.includes("--no-write"),
    webLock,
  };
}

/** Takes an exclusive flock(1) on `file` (waiting for it); resolves to its release. */
async function acquireLock(file: string): Promise<() => void> {
  log(`waiting for ${file}`);
  const holder = spawn("flock", [file, "sh", "-c", "echo locked; exec cat"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    holder.stdout.once("data", () => resolve());
    holder.once("error", reject);
    holder.once("exit", (code) => reject(new Error(`flock exited with ${code}`)));
  });
  log(`holding ${file}`);
  return () => {
    holder.stdin.end();
    log(`released ${file}`);
  };
}

const fmt = (n: number | null, digits = 1) =>
  n === null || Number.isNaN(n)
    ? "-"
    : n.toLocaleString("en-US", { maximumFractionDigits: digits });

function printTable(figures: Figure[]) {
  const rows = figures.map((f) => [
    f.name,
    `${fmt(f.value)} ${f.unit}`.trim(),
    f.reference === null
      ? `- (${f.referenceLabel})`
      : `${fmt(f.reference)} ${f.unit} (${f.referenceLabel})`.replace(/ {2}/gu, " "),
    f.ratio === null ? "-" : fmt(f.ratio, 2),
    f.target,
    f.pass === null ? "" : f.pass ? "pass" : "FAIL",
  ]);
  const header = ["figure", "value", "reference", "ratio", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const options: BenchOptions = { quick: args.quick, only: args.only };
  const wants = (name: (typeof BENCHMARKS)[number]) => !args.only || args.only.has(name);
  Object.assign(process.env, benchEnv());
  const started = Date.now();
  const figures: Figure[] = [];
  const failures: string[] = [];

  const attempt = async (name: string, work: () => Promise<Figure[]> | Figure[]) => {
    const t0 = Date.now();
    try {
      figures.push(...(await work()));
    } catch (error) {
      failures.push(name);
      log(
        `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      figures.push({
        benchmark: name,
        name: `${name} (did not run to the end)`,
        value: null,
        unit: "",
        reference: null,
        referenceLabel: "",
        ratio: null,
        target: "-",
        pass: false,
      });
    }
    log(`${name}: ${Math.round((Date.now() - t0) / 1000)} s`);
  };

  // The database benchmarks first; then the ones that need apps/web (under the lock, if given).
  if (wants("delivery"))
    await attempt("delivery", async () => (await import("./delivery")).deliveryBenchmark(options));
  if (wants("inbox") || wants("insights")) {
    await attempt("scale", async () =>
      (await import("./scale")).scaleBenchmarks(options, {
        inbox: wants("inbox"),
        insights: wants("insights"),
      }),
    );
  }
  if (wants("capture") || wants("bundle")) {
    const release = args.webLock ? await acquireLock(args.webLock) : () => {};
    try {
      if (args.build && (wants("capture") || wants("bundle"))) {
        log("building apps/web (next build)");
        const build = spawnSync(
          "pnpm",
          ["exec", "turbo", "run", "build", "--filter=@leadrelay/web", "--output-logs=errors-only"],
          {
            cwd: REPO_ROOT,
            stdio: ["ignore", "inherit", "inherit"],
            env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
          },
        );
        if (build.status !== 0) throw new Error(`The build failed (exit ${build.status})`);
      }
      if (wants("bundle"))
        await attempt("bundle", async () => (await import("./bundle")).bundleBenchmark());
      if (wants("capture"))
        await attempt("capture", async () => (await import("./capture")).captureBenchmark(options));
    } finally {
      release();
    }
  }

  const order = ["capture", "memory", "delivery", "inbox", "insights", "bundle"];
  figures.sort((a, b) => order.indexOf(a.benchmark) - order.indexOf(b.benchmark));
  console.log("");
  printTable(figures);
  const cpus = os.cpus();
  const result = {
    date: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    mode: args.quick ? "quick" : "full",
    only: args.only ? [...args.only] : null,
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? null,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      loadAverageAtEnd: os.loadavg().map((n) => Math.round(n * 100) / 100),
    },
    figures,
  };
  if (args.write) {
    const out = path.join(
      REPO_ROOT,
      "bench",
      "results",
      args.quick || args.only ? "latest-partial.json" : "latest.json",
    );
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nWrote ${path.relative(REPO_ROOT, out)} (${result.durationSeconds} s).`);
  }
  // Benchmarks that missed a target still exit 0: the figures are the output. A crash is not.
  process.exit(failures.length > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
