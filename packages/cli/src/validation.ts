import { emailSchema, passwordMessages, passwordProblems } from "@leadrelay/auth/password-policy";
import { CliError } from "./errors";

/** Trims and lower-cases, as sign-up does; `option` names the flag in the message. */
export function parseEmail(raw: string, option: string): string {
  const parsed = emailSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(`${option} "${raw}" is not a valid e-mail address.`);
  return parsed.data;
}

/** The same rules as sign-up in the web app. */
export function assertStrongPassword(password: string, email: string, option: string): void {
  const problems = passwordProblems(password, email);
  if (problems.length > 0) {
    throw new CliError(
      `The password given with ${option} is not accepted: ${problems.map((p) => passwordMessages[p]).join(" ")}`,
    );
  }
}

export function parseText(
  raw: string,
  option: string,
  limits: { min: number; max: number },
): string {
  const value = raw.trim();
  if (value.length < limits.min)
    throw new CliError(
      `${option} must have at least ${limits.min} character${limits.min === 1 ? "" : "s"}.`,
    );
  if (value.length > limits.max)
    throw new CliError(`${option} must have at most ${limits.max} characters.`);
  return value;
}

/** A unique-constraint violation: two writers raced for the same e-mail (or slug). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown }).code === "P2002";
}
