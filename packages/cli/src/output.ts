/**
 * stdout carries only a command's result (so `--json` output can be piped);
 * progress and diagnostics go to stderr.
 */
export function logLine(line: string): void {
  process.stderr.write(`${line}\n`);
}

export function printLine(line = ""): void {
  process.stdout.write(`${line}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
