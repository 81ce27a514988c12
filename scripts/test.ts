/**
 * `pnpm test`: builds what the browser tests serve, then runs every Vitest
 * project (unit, integration against a fresh database, browser).
 */
import { spawnSync } from "node:child_process";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" };
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: "inherit", env }).status ?? 1;

const build = run("pnpm", ["exec", "turbo", "run", "build", "--filter=@leadrelay/web", "--output-logs=errors-only"]);
if (build !== 0) process.exit(build);
process.exit(run("pnpm", ["exec", "vitest", "run", ...process.argv.slice(2)]));
