import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

const flag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0"], { error: "Use true or false." })
    .default(fallback ? "true" : "false")
    .transform((value) => value === "true" || value === "1");

/** Settings of the delivery worker, and of anything else that calls a destination (the "Send test lead" button). */
export const workerEnv = () =>
  createEnv({
    server: {
      /** The database whose job queue the embedded worker runs (the launcher sets it). */
      DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgresql://").optional(),
      /** Run the worker inside the web app (default). Set false when separate `pnpm worker` processes do the work. */
      LEADRELAY_EMBEDDED_WORKER: flag(true),
      /**
       * Deliveries one worker process runs at the same time. Deliveries to one destination no
       * longer wait for each other, so slow receivers are best absorbed by running more at once.
       */
      LEADRELAY_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
      /** How often the worker looks for jobs whose time has come (retries); new jobs start at once via LISTEN/NOTIFY. */
      LEADRELAY_WORKER_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(2_000),
      /** How long one call to a destination may take before it counts as a timeout (retried). */
      LEADRELAY_DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(20_000),
      /**
       * A delivery job locked longer than this belongs to a worker that died (killed, crashed host):
       * it is unlocked and run again. Must stay well above the delivery timeout.
       */
      LEADRELAY_STALE_JOB_SECONDS: z.coerce.number().int().min(1).max(4 * 3600).default(300),
      /** Multiplies every retry delay; tests set e.g. 0.001 so a day of retries takes seconds. */
      LEADRELAY_RETRY_SCALE: z.coerce.number().gt(0).max(1).default(1),
      /**
       * A destination that has only failed for this many days (no success since its first
       * failure) is paused, however few its failures were (Svix disables after 5 days).
       */
      LEADRELAY_PAUSE_AFTER_FAILING_DAYS: z.coerce
        .number({ error: "LEADRELAY_PAUSE_AFTER_FAILING_DAYS must be a number of days." })
        .gt(0, "LEADRELAY_PAUSE_AFTER_FAILING_DAYS must be more than 0 days.")
        .max(365, "LEADRELAY_PAUSE_AFTER_FAILING_DAYS must be at most 365 days.")
        .default(5),
      /** Lets destinations reach loopback, private and link-local addresses (local testing only). */
      LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS: flag(false),
      /** SMTP server for e-mail destinations and notices (as @leadrelay/mail reads it). Unset: e-mail destinations fail. */
      SMTP_URL: z.string().regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://").optional(),
      SMTP_FROM: z.string().default("Leadrelay <no-reply@leadrelay.local>"),
      /** Public origin of the app, for links in e-mails and to leads (already used by the web app). */
      LEADRELAY_PUBLIC_URL: z.url().optional(),
    },
    runtimeEnv: process.env,
    emptyStringAsUndefined: true,
  });

export type WorkerEnv = ReturnType<typeof workerEnv>;
