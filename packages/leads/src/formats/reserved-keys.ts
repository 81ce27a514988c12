import type { JsonObject, JsonValue } from "../json";

/**
 * Extra fields go back out beside a format's own fields, except those whose names the
 * format already uses (compared without regard to case, as the parsers compare them):
 * an extra field must never shadow a real one.
 */
export function extrasWithout(
  extraFields: JsonObject,
  reservedNames: readonly string[],
): [string, JsonValue][] {
  const reserved = new Set(reservedNames.map((name) => name.toLowerCase()));
  return Object.entries(extraFields).filter(([key]) => !reserved.has(key.toLowerCase()));
}
