import { DESTINATION_KINDS } from "@leadrelay/destinations";
import { z } from "zod";
import { adapterFor, AZURE_BLOB, AZURE_BLOB_RETIRED } from "./_shared";

/** Top-level field names of a settings schema (through optional/default/pipe wrappers). */
function fieldNames(schema: z.ZodType): string[] {
  let current: unknown = schema;
  for (let depth = 0; depth < 5; depth++) {
    if (current instanceof z.ZodObject) return Object.keys(current.shape);
    const def = (current as { def?: { innerType?: unknown; in?: unknown; schema?: unknown } }).def;
    current = def?.innerType ?? def?.in ?? def?.schema;
    if (!current) break;
  }
  return [];
}

/**
 * What the "add destination" screen offers: each kind's guidance and fields, and the retired
 * Azure Blob with what to use instead. The texts here are English, for API clients; the app
 * shows them in the reader's language from its messages under `messageKey`
 * (apps/web/messages/<locale>/offers.json: label, description, steps, warnings, retiredMessage).
 */
export function destinationKindsHandler() {
  const kinds = DESTINATION_KINDS.map((kind) => {
    const adapter = adapterFor(kind);
    const secretFields = [...adapter.secretFields];
    return {
      kind,
      messageKey: `destinations.kinds.${kind}`,
      available: true as const,
      label: adapter.label,
      description: adapter.description,
      setupGuide: adapter.setupGuide,
      configFields: fieldNames(adapter.configSchema),
      secretFields,
      retiredMessage: null,
      alternatives: [] as string[],
    };
  });
  return [
    ...kinds,
    {
      kind: AZURE_BLOB,
      messageKey: `destinations.kinds.${AZURE_BLOB}`,
      available: false as const,
      label: `${AZURE_BLOB_RETIRED.label} (retired)`,
      description: AZURE_BLOB_RETIRED.message,
      setupGuide: { steps: [] as string[] },
      configFields: [] as string[],
      secretFields: [] as string[],
      retiredMessage: AZURE_BLOB_RETIRED.message,
      /** What to use instead. */
      alternatives: [...AZURE_BLOB_RETIRED.alternatives] as string[],
    },
  ];
}
