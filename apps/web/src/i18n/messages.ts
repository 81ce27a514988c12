import "server-only";

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Locale } from "./config";

type Messages = Record<string, unknown>;
const cache = new Map<Locale, Messages>();

/**
 * Each area keeps its texts in messages/<locale>/<area>.json (top-level keys are
 * namespaces), so areas do not edit one shared file. Merged once per process.
 */
export function loadMessages(locale: Locale): Messages {
  const cached = cache.get(locale);
  // eslint-disable-next-line no-restricted-properties -- NODE_ENV is inlined by Next at build time
  if (cached && process.env.NODE_ENV === "production") return cached;
  const dir = path.join(process.cwd(), "messages", locale);
  const merged: Messages = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const content = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Messages;
    for (const [namespace, value] of Object.entries(content)) {
      if (namespace in merged) throw new Error(`Message namespace "${namespace}" is defined twice (${locale}/${file}).`);
      merged[namespace] = value;
    }
  }
  cache.set(locale, merged);
  return merged;
}
