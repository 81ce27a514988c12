import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

export const authEnv = () =>
  createEnv({
    server: {
      AUTH_SECRET: z
        .string({ error: "AUTH_SECRET is not set: generate one with `openssl rand -base64 32`." })
        .min(16, "AUTH_SECRET must be at least 16 characters."),
      AUTH_MICROSOFT_ENTRA_ID_ID: z.string().optional(),
      AUTH_MICROSOFT_ENTRA_ID_SECRET: z.string().optional(),
      AUTH_MICROSOFT_ENTRA_ID_ISSUER: z.url().optional(),
      /** Failed sign-ins per e-mail address before a temporary lockout. */
      LEADRELAY_SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
      LEADRELAY_SIGNIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
    },
    runtimeEnv: process.env,
    emptyStringAsUndefined: true,
    skipValidation: process.env.SKIP_ENV_VALIDATION === "1",
  });

export function entraIdConfigured(env = authEnv()): boolean {
  return !!(env.AUTH_MICROSOFT_ENTRA_ID_ID && env.AUTH_MICROSOFT_ENTRA_ID_SECRET && env.AUTH_MICROSOFT_ENTRA_ID_ISSUER);
}
