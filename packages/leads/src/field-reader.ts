import type { JsonObject, JsonValue } from "./json";
import { childPath, type ParseDiagnostics } from "./parse-result";
import { normalizeText } from "./text";

/**
 * Reading loosely-typed records (JSON bodies, table entities, form posts) the same way in
 * every parser: keys matched without regard to case, text normalised, odd values reported.
 */

export interface KnownAndExtraFields<K extends string> {
  /** Value per known field name that was present (under any casing). */
  known: Partial<Record<K, unknown>>;
  /** Fields no known name matches, in input order, keys verbatim. */
  extras: [string, unknown][];
}

function isBlank(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === "string" && value.trim() === "")
  );
}

/**
 * Matches each known name case-insensitively. When several keys match one name (`Email`
 * and `email`), the exact spelling wins if it holds a value, else the first non-blank one;
 * the others are dropped with a warning (the raw payload, which callers keep, still has
 * them).
 */
export function readKnownFields<K extends string>(
  record: Record<string, unknown>,
  knownNames: readonly K[],
  path: string,
  diagnostics: ParseDiagnostics,
): KnownAndExtraFields<K> {
  const knownByLowerCase = new Map<string, K>(knownNames.map((name) => [name.toLowerCase(), name]));
  const candidates = new Map<K, [string, unknown][]>();
  const extras: [string, unknown][] = [];

  for (const [key, value] of Object.entries(record)) {
    const name = knownByLowerCase.get(key.toLowerCase());
    if (name === undefined) extras.push([key, value]);
    else candidates.set(name, [...(candidates.get(name) ?? []), [key, value]]);
  }

  const known: Partial<Record<K, unknown>> = {};
  for (const [name, entries] of candidates) {
    const chosen =
      entries.find(([key, value]) => key === name && !isBlank(value)) ??
      entries.find(([, value]) => !isBlank(value)) ??
      entries[0];
    if (chosen === undefined) continue;
    known[name] = chosen[1];
    for (const [key, value] of entries) {
      if (key !== chosen[0] && !isBlank(value)) {
        diagnostics.warn(
          "duplicate_field",
          childPath(path, key),
          `"${key}" repeats field ${name} (already read from "${chosen[0]}"); this copy was ignored`,
        );
      }
    }
  }
  return { known, extras };
}

/**
 * A text field: strings are normalised, numbers and booleans become their text (a phone
 * sent as a number is still a phone), null means absent. Objects and arrays cannot be
 * text and make the payload invalid.
 */
export function readText(
  value: unknown,
  path: string,
  diagnostics: ParseDiagnostics,
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return normalizeText(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    diagnostics.warn(
      "value_coerced",
      path,
      `Expected text, got ${typeof value} ${String(value)}; used it as text`,
    );
    return normalizeText(String(value));
  }
  if (value instanceof Date) {
    diagnostics.warn("value_coerced", path, "Expected text, got a date; used its ISO form");
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  }
  diagnostics.fail(path, `Expected text, got ${describeType(value)}`);
  return undefined;
}

export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Date) return "a date";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/**
 * An unknown field's value in JSON form, or undefined (with a warning) when it has none,
 * e.g. a function or `undefined` slipped into a hand-built record.
 */
export function toJsonValue(
  value: unknown,
  path: string,
  diagnostics: ParseDiagnostics,
): JsonValue | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    diagnostics.warn(
      "ignored_value",
      path,
      `${String(value)} is not a JSON number; the field was ignored`,
    );
    return undefined;
  }
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) {
    return value.map((item, index) => toJsonValue(item, `${path}[${index}]`, diagnostics) ?? null);
  }
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).flatMap(([key, item]) => {
        const json = toJsonValue(item, childPath(path, key), diagnostics);
        return json === undefined ? [] : [[key, json]];
      }),
    );
  }
  diagnostics.warn(
    "ignored_value",
    path,
    `A ${typeof value} value has no JSON form; the field was ignored`,
  );
  return undefined;
}

/** Unknown fields as JSON, keys verbatim; values without a JSON form are left out. */
export function toJsonFields(
  entries: [string, unknown][],
  path: string,
  diagnostics: ParseDiagnostics,
): JsonObject {
  return Object.fromEntries(
    entries.flatMap(([key, value]) => {
      const json = toJsonValue(value, childPath(path, key), diagnostics);
      return json === undefined ? [] : [[key, json]];
    }),
  );
}
