/**
 * Benchmark 5, bundle half: first-load JavaScript per page route of the production build,
 * gzipped with node:zlib. Turbopack builds (Next 16) list a route's chunks in its client
 * reference manifest (`entryJSFiles` of its layouts and page); the root main files of
 * build-manifest.json load on every route. Reference: the shared root files alone.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import { WEB_DIR } from "./lib/app";
import { figure, round, type Figure } from "./lib/common";

const NEXT_DIR = path.join(WEB_DIR, ".next");
const LIMIT_KB = 200;

const gzipCache = new Map<string, number>();
function gzipSize(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(NEXT_DIR, file))).length;
    gzipCache.set(file, size);
  }
  return size;
}

const total = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + gzipSize(file), 0);

function routeEntryFiles(entry: string): string[] {
  const manifestFile = path.join(NEXT_DIR, "server", "app", `${entry}_client-reference-manifest.js`);
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
  sandbox.globalThis = sandbox;
  vm.runInNewContext(readFileSync(manifestFile, "utf8"), sandbox);
  const manifest = sandbox.__RSC_MANIFEST?.[entry];
  if (!manifest?.entryJSFiles) throw new Error(`No entryJSFiles in ${manifestFile}`);
  return Object.values(manifest.entryJSFiles).flat();
}

export function bundleBenchmark(): Figure[] {
  const build = JSON.parse(readFileSync(path.join(NEXT_DIR, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const routes = JSON.parse(readFileSync(path.join(NEXT_DIR, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  const shared = total(new Set(build.rootMainFiles));
  const rows = Object.entries(routes)
    .filter(([entry]) => entry.endsWith("/page") && !entry.includes("_global-error"))
    .map(([entry, route]) => ({ route, bytes: total(new Set([...build.rootMainFiles, ...routeEntryFiles(entry)])) }))
    .sort((a, b) => b.bytes - a.bytes);
  const kb = (bytes: number) => round(bytes / 1024);
  return rows.map((row) =>
    figure({
      benchmark: "bundle", name: `first-load JS ${row.route}`, value: kb(row.bytes), unit: "kB gz",
      reference: kb(shared), referenceLabel: "shared root chunks", target: `≤ ${LIMIT_KB} kB`, pass: row.bytes <= LIMIT_KB * 1024,
    }),
  );
}
