#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, which the Prisma CLI would
// otherwise download from a host this network cannot reach (see
// /work/shared/offline-notes.md). prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY
// here. It runs the same engine code, compiled to WebAssembly
// (@prisma/schema-engine-wasm), over @prisma/adapter-pg, and speaks the binary's
// interface to the CLI:
//   schema-engine --version
//   schema-engine --datasource '{"url":…}' cli can-connect-to-database|create-database|drop-database
//   schema-engine [--datamodels file]… [--datasource json]   → JSON-RPC 2.0, one message per line
// The CLI↔engine protocol is not public: `prisma`, the wasm engine and the adapter
// must all come from one engine commit (7.10.0 / 0edf323). The integration test in
// packages/db/src/migrate.integration.test.ts drives `migrate deploy/status/diff`
// through this file; run it after any version bump.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

// ---- arguments, shaped like the native binary's
const args = process.argv.slice(2);
const argValues = (name) => args.flatMap((a, i) => (a === name ? [args[i + 1]] : []));
const datasource = JSON.parse(argValues("--datasource")[0] ?? "{}"); // { url, shadowDatabaseUrl? }

// ---- load the wasm engine. Its package entry imports the .wasm as an ES module,
// which Node 20 refuses, so instantiate it by hand with the wasm-bindgen glue.
function loadEngine() {
  // Without this registry a Rust panic surfaces only as "unreachable".
  globalThis.PRISMA_WASM_PANIC_REGISTRY = {
    message: "",
    set_message(m) {
      this.message = m;
    },
  };
  const glueUrl = import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const module = new WebAssembly.Module(readFileSync(new URL(glueUrl.replace(/\.js$/, ".wasm"))));
  const { exports } = new WebAssembly.Instance(module, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  return glue;
}

// ---- the driver adapter, with the adapter-pg 7.10 bugs worked around
const pgOptions = (url) => ({
  schema: (url && new URL(url).searchParams.get("schema")) || undefined,
});

class PatchedPg extends PrismaPg {
  async connect() {
    return patchAdapter(await super.connect());
  }

  // adapter-pg's own shadow database is the main database (its connection string
  // beats `database`) and is dropped before its pool closes. Use the configured
  // shadowDatabaseUrl, or create and drop a throwaway database ourselves.
  async connectToShadowDb() {
    if (datasource.shadowDatabaseUrl) {
      return new PatchedPg(
        datasource.shadowDatabaseUrl,
        pgOptions(datasource.shadowDatabaseUrl),
      ).connect();
    }
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await adminQuery(datasource.url, `CREATE DATABASE ${ident(name)}`);
    const url = withDatabase(datasource.url, name);
    const adapter = await new PatchedPg(url, pgOptions(url)).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose(); // closes the pool first
      await adminQuery(datasource.url, `DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
    };
    return adapter;
  }
}

function patchAdapter(adapter) {
  fixCharColumns(adapter);
  // The wasm engine probes the server version as soon as it starts, while the native
  // engine connects lazily: `migrate diff --from-empty --to-schema …` must work with
  // no database. If the probe fails, answer it as a stock PostgreSQL 15 server; any
  // command that really needs the database fails on its own queries.
  const queryRaw = adapter.queryRaw;
  adapter.queryRaw = (query) =>
    queryRaw(query).catch((error) => {
      if (!query.sql.includes("current_setting('server_version_num')")) throw error;
      const { Boolean, Text, Int32 } = ColumnTypeEnum;
      const columnNames = ["exists", "version", "numeric_version"];
      return {
        columnNames,
        columnTypes: [Boolean, Text, Int32],
        rows: [[true, "PostgreSQL 15.0 (no database at start-up)", 150000]],
      };
    });
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...a) => fixCharColumns(await startTransaction(...a));
  // adapter-pg splits scripts on ";" (breaking $$ bodies and atomicity). Send the
  // whole script as one simple-protocol query on one connection, as the native
  // engine does: PostgreSQL runs it as one implicit transaction.
  adapter.executeScript = async (script) => {
    let client;
    try {
      client = await adapter.underlyingDriver().connect();
      await client.query(script);
    } catch (error) {
      adapter.onError(error); // rethrows as the DriverAdapterError the engine understands
    } finally {
      client?.release();
    }
  };
  return adapter;
}

// adapter-pg cannot deserialize PostgreSQL's internal "char" type (OID 18, e.g.
// pg_constraint.contype), so every schema description fails. Let adapter-pg
// handle the row as text, then report those columns as Character.
function fixCharColumns(queryable) {
  const { queryRaw, performIO } = queryable;
  queryable.queryRaw = async (query) => {
    const result = await performIO.call(queryable, query);
    const charColumns = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID === 18) {
        charColumns.push(i);
        field.dataTypeID = 25; // text
      }
    });
    const set = await queryRaw.call(
      Object.create(queryable, { performIO: { value: async () => result } }),
      query,
    );
    for (const i of charColumns) set.columnTypes[i] = ColumnTypeEnum.Character;
    return set;
  };
  return queryable;
}

// ---- plain pg helpers for what the engine does outside the adapter
const ident = (name) => `"${name.replaceAll('"', '""')}"`;

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** Run one statement on the server of `url`, from its database or, if that one does not exist, from `postgres`. */
async function adminQuery(url, sql) {
  for (const candidate of [url, withDatabase(url, "postgres")]) {
    const client = new pg.Client({ connectionString: candidate });
    try {
      await client.connect();
    } catch (error) {
      if (error.code === "3D000" && candidate === url) continue;
      throw error;
    }
    try {
      return await client.query(sql);
    } finally {
      await client.end();
    }
  }
}

// ---- `schema-engine cli <command>`: answers on exit code and stderr JSON log lines
// (the CLI skips the first stderr line and reads `fields.error_code` from ERROR lines;
// P1003 "database does not exist" is what makes `migrate deploy` create it).
const CLI_ERROR_CODES = {
  "3D000": "P1003",
  ECONNREFUSED: "P1001",
  ENOTFOUND: "P1001",
  ETIMEDOUT: "P1001",
  "28P01": "P1000",
  28000: "P1000",
};
async function runCliCommand(command) {
  const log = (level, fields) =>
    process.stderr.write(`${JSON.stringify({ level, fields, target: "schema_engine::logger" })}\n`);
  log("INFO", { message: `schema-engine (wasm) cli ${command}` });
  const url = new URL(datasource.url);
  const database = decodeURIComponent(url.pathname.slice(1));
  const at = `${url.hostname}:${url.port || 5432}`;
  try {
    if (command === "can-connect-to-database") {
      const client = new pg.Client({ connectionString: datasource.url });
      await client.connect();
      await client.end();
    } else {
      const verb = { "create-database": "CREATE", "drop-database": "DROP" }[command];
      if (!verb) throw new Error(`Unknown cli command ${command}`);
      await adminQuery(
        withDatabase(datasource.url, "postgres"),
        `${verb} DATABASE ${ident(database)}`,
      );
    }
  } catch (error) {
    const error_code = CLI_ERROR_CODES[error.code];
    const message =
      {
        P1003: `Database \`${database}\` does not exist on the database server at \`${at}\`.`,
        P1001: `Can't reach database server at \`${at}\``,
      }[error_code] ?? error.message;
    log("ERROR", { error_code, message });
    process.exitCode = 1;
  }
}

// ---- JSON-RPC server over stdin/stdout
async function serveRpc() {
  const wasm = loadEngine();
  const factory = bindMigrationAwareSqlAdapterFactory(
    new PatchedPg(datasource.url, pgOptions(datasource.url)),
  );
  const datamodels = argValues("--datamodels").map((path) => [path, readFileSync(path, "utf8")]);
  const engine = await wasm.SchemaEngine.new(
    { datamodels: datamodels.length ? datamodels : undefined },
    (line) => process.stderr.write(`${line}\n`),
    factory,
  );
  const send = (message) =>
    process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
  let printId = 0;

  const methods = {
    ...Object.fromEntries(
      Object.getOwnPropertyNames(wasm.SchemaEngine.prototype)
        .filter((name) => !["constructor", "free"].includes(name))
        .map((name) => [name, (params) => engine[name](params)]),
    ),
    getDatabaseVersion: (params) => engine.version(params?.datasource ? params : undefined),
    // The native engine prints diff output through a `print` request to the CLI.
    diff: async (params) => {
      const result = await engine.diff(params);
      if (result.stdout !== null)
        send({ id: `print-${++printId}`, method: "print", params: { content: result.stdout } });
      return { exitCode: result.exitCode };
    },
  };

  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let queue = Promise.resolve(); // one request at a time, in order
  lines.on("line", (line) => {
    if (!line.trim()) return;
    const request = JSON.parse(line);
    if (request.method === undefined) return; // the CLI's reply to a `print` request
    queue = queue.then(async () => {
      try {
        const method = methods[request.method];
        if (!method) throw new Error(`Method not found: ${request.method}`);
        send({ id: request.id, result: (await method(request.params ?? {})) ?? null });
      } catch (error) {
        send({ id: request.id, error: toRpcError(error, factory) });
      }
    });
  });
  lines.on("close", () => queue.then(() => process.exit(0)));
}

// Errors in the shape the native engine sends and the CLI unpacks (error_code, meta).
function toRpcError(error, factory) {
  if (error instanceof WebAssembly.RuntimeError) {
    const message = globalThis.PRISMA_WASM_PANIC_REGISTRY.message || error.message;
    return { code: 4466, message, data: { is_panic: true, message, backtrace: error.stack } };
  }
  // Errors thrown in JS under the adapter reach us as "External error id#N".
  const message = String(error?.message ?? error).replace(
    /External error id#(\d+)/g,
    (text, id) => {
      const original = factory.errorRegistry.consumeError(Number(id))?.error;
      return original ? String(original.message ?? original) : text;
    },
  );
  return {
    code: 4466,
    message: "An error happened. Check the data field for details.",
    data: { is_panic: false, message, meta: error.meta ?? null, error_code: error.code ?? null },
  };
}

// Some wasm failures (bad params, panics) escape as uncaught exceptions. Report them
// as the native binary does when it panics: an ERROR log line (the CLI shows its
// message) and exit code 101. Start-up failures exit with 1.
function fatal(error, exitCode) {
  const message = globalThis.PRISMA_WASM_PANIC_REGISTRY?.message || String(error?.message ?? error);
  const fields = { message, backtrace: error?.stack };
  process.stderr.write(
    `${JSON.stringify({ level: "ERROR", fields, target: "schema_engine::logger" })}\n`,
  );
  process.exit(exitCode);
}
process.on("uncaughtException", (error) => fatal(error, 101));

if (args.includes("--version")) {
  console.log(`schema-engine-cli ${loadEngine().version()}`);
} else if (args.includes("cli")) {
  await runCliCommand(args[args.indexOf("cli") + 1]);
} else {
  await serveRpc().catch((error) => fatal(error, 1));
}
