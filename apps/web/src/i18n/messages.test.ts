import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../messages");

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]!).sort();
}

describe("translations", () => {
  const files = readdirSync(path.join(root, "en")).filter((f) => f.endsWith(".json"));

  it.each(files)("ru/%s has exactly the keys and placeholders of en/%s", (file) => {
    const en = JSON.parse(readFileSync(path.join(root, "en", file), "utf8"));
    const ru = JSON.parse(readFileSync(path.join(root, "ru", file), "utf8"));
    expect(keys(ru).sort()).toEqual(keys(en).sort());
    for (const key of keys(en)) {
      const get = (obj: unknown) => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;
      expect(placeholders(get(ru)), key).toEqual(placeholders(get(en)));
    }
  });

  it("has the same files in every locale", () => {
    expect(readdirSync(path.join(root, "ru")).sort()).toEqual(readdirSync(path.join(root, "en")).sort());
  });
});
