import { z } from "zod";
import { appRouter } from "./root";
import type { Access, Meta } from "./trpc";

export interface ProcedureReference {
  path: string;
  type: "query" | "mutation" | "subscription";
  access: Access | "unknown";
  /** The API-token scope; null when only signed-in users may call it. */
  scope: string | null;
  /** JSON Schema of the input, generated from the procedure's own zod schema; null when it takes none. */
  input: unknown;
}

interface ProcedureDef {
  type: ProcedureReference["type"];
  meta?: Meta;
  inputs: unknown[];
}

/**
 * The API reference, read off the router itself (its zod input schemas and the
 * ladder's meta), so the documentation cannot drift from the code.
 */
export function apiReference(): ProcedureReference[] {
  const procedures = (appRouter._def as unknown as { procedures: Record<string, { _def: ProcedureDef }> }).procedures;
  return Object.entries(procedures)
    .map(([path, procedure]) => {
      const def = procedure._def;
      const schemas = def.inputs.filter((input): input is z.ZodType => input instanceof z.ZodType);
      const input =
        schemas.length === 0
          ? null
          : z.toJSONSchema(schemas.length === 1 ? schemas[0]! : z.intersection(schemas[0]!, schemas[1]!), { io: "input", unrepresentable: "any" });
      return { path, type: def.type, access: def.meta?.access ?? ("unknown" as const), scope: def.meta?.scope ?? null, input };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}
