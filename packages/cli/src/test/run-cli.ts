/**
 * Runs the real CLI as a child process against the integration project's database
 * (DATABASE_URL, migrated by the globalSetup), for the CLI's integration tests.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

/** A stack trace line, as Node prints them: errors the CLI expects never show one. */
export const STACK_LINE = /^\s+at .+\(?.+:\d+:\d+\)?$/m;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run with `vitest run --project integration`.");
  return url;
}

/**
 * `leadrelay <args>` with the test database. The caller's LEADRELAY_PUBLIC_URL is not
 * passed on, so printed links use the CLI's default unless `env` sets one.
 */
export function leadrelay(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const { LEADRELAY_PUBLIC_URL: _ignored, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", "packages/cli/src/main.ts", ...args], {
      cwd: repoRoot,
      env: { ...inherited, DATABASE_URL: databaseUrl(), NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    proc.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    proc.once("error", reject);
    proc.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}
