import { describe, expect, it } from "vitest";
import { apiReference } from "./api-reference";
import { appRouter } from "./root";

describe("the API reference", () => {
  const reference = apiReference();

  it("lists every procedure of the router, each with its access level", () => {
    const paths = Object.keys((appRouter._def as unknown as { procedures: object }).procedures).sort();
    expect(reference.map((p) => p.path).sort()).toEqual(paths);
    expect(reference.filter((p) => p.access === "unknown").map((p) => p.path)).toEqual([]);
  });

  it("documents inputs as JSON Schema taken from the procedures' zod schemas", () => {
    const capture = reference.find((p) => p.path === "leads.capture");
    expect(capture).toMatchObject({ type: "mutation", access: "member", scope: "leads:write" });
    const schema = capture!.input as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["lead", "idempotencyKey"]));
    expect(schema.required).toContain("idempotencyKey");
    expect(reference.find((p) => p.path === "account.me")).toMatchObject({ input: null, scope: null, access: "signedIn" });
  });

  it("offers API tokens only what declares a scope, and never platform administration", () => {
    for (const p of reference.filter((r) => r.access === "platformAdmin" || r.access === "public")) expect(p.scope, p.path).toBeNull();
    expect(reference.filter((p) => p.scope !== null).length).toBeGreaterThan(20);
  });
});
