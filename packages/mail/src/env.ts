import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

export const mailEnv = () =>
  createEnv({
    server: {
      /** e.g. smtp://user:pass@smtp.example.com:587 or smtps://…:465. Unset: no e-mail is sent. */
      SMTP_URL: z.string().regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://").optional(),
      SMTP_FROM: z.string().default("Leadrelay <no-reply@leadrelay.local>"),
    },
    runtimeEnv: process.env,
    emptyStringAsUndefined: true,
  });
