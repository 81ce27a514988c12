import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/**
 * Connections per app process. Capture requests each hold one for a short transaction, and
 * a burst of them queued behind 10; the embedded worker has pools of its own. Keep
 * (app processes × this + workers) under the server's max_connections (100 by default).
 */
export const DEFAULT_POOL_SIZE = 20;

export const dbEnv = () =>
  createEnv({
    server: {
      DATABASE_URL: z
        .string({ error: "DATABASE_URL is not set: the app's launcher sets it, or point it at PostgreSQL." })
        .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgresql://"),
      DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(DEFAULT_POOL_SIZE),
    },
    runtimeEnv: process.env,
    emptyStringAsUndefined: true,
  });

/** Local mode (no DATABASE_URL): where the data folder is and which port the embedded PostgreSQL uses. */
export const localEnv = () =>
  createEnv({
    server: {
      LEADRELAY_DATA_DIR: z.string().optional(),
      LEADRELAY_EMBEDDED_DB_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    },
    runtimeEnv: process.env,
    emptyStringAsUndefined: true,
  });
