import { z } from "zod";

/** Pure rules, shared by the server and the sign-up form (which translates the codes). */
export type PasswordProblem = "tooShort" | "tooLong" | "common" | "containsEmail";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

// Length beats composition rules (NIST SP 800-63B); refuse the obvious ones.
const COMMON = new Set([
  "password123", "password1234", "1234567890", "qwertyuiop", "123456789a", "iloveyou12",
  "letmein123", "welcome123", "passw0rd123", "administrator", "qwerty1234", "1q2w3e4r5t",
]);

export function passwordProblems(password: string, email?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push("tooShort");
  if (password.length > PASSWORD_MAX_LENGTH) problems.push("tooLong");
  if (COMMON.has(password.toLowerCase())) problems.push("common");
  const local = email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) problems.push("containsEmail");
  return problems;
}

export const passwordMessages: Record<PasswordProblem, string> = {
  tooShort: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  tooLong: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  common: "This password is too common; choose another.",
  containsEmail: "The password must not contain your e-mail address.",
};

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid e-mail address." }).max(254));
