import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI downloads a native schema engine unless this names an executable.
// Ours is a small Node script driving Prisma's published WebAssembly engine, so
// `prisma generate` and `prisma migrate *` work offline. Set
// LEADRELAY_NATIVE_PRISMA_ENGINE=1 to let Prisma use (and fetch) its native binary.
const wasmEngine = path.resolve(import.meta.dirname, "packages/db/prisma-engine/schema-engine.mjs");
if (process.env.LEADRELAY_NATIVE_PRISMA_ENGINE !== "1" && existsSync(wasmEngine)) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= wasmEngine;
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    // `generate` and `migrate diff --from-empty` need no database; a placeholder keeps them working.
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/leadrelay_placeholder",
  },
});
