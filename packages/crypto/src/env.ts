import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

export const cryptoEnv = () =>
  createEnv({
    server: {
      LEADRELAY_ENCRYPTION_KEY: z
        .string({ error: "LEADRELAY_ENCRYPTION_KEY is not set: generate one with `openssl rand -base64 32`." })
        .refine((v) => Buffer.from(v, "base64").length === 32, "LEADRELAY_ENCRYPTION_KEY must be 32 bytes, base64-encoded (`openssl rand -base64 32`)."),
    },
    runtimeEnv: process.env,
    emptyStringAsUndefined: true,
  });
