import type { Lead } from "@leadrelay/leads";
import type { z } from "zod";

import { destinationAdapters } from "./registry";
import type { DeliveryContext, DeliveryOutcome, DestinationKind } from "./types";

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
    )
    .join("; ");
}

/**
 * What the worker calls: validates the stored settings with the kind's schemas, then
 * delivers. Never throws: settings that no longer validate, or an adapter bug, are outcomes.
 */
export async function deliverToDestination(
  kind: DestinationKind,
  lead: Lead,
  storedConfig: unknown,
  storedSecrets: unknown,
  ctx: DeliveryContext,
): Promise<DeliveryOutcome> {
  const adapter = destinationAdapters[kind];
  const config = adapter.configSchema.safeParse(storedConfig);
  if (!config.success) {
    return {
      kind: "permanent_failure",
      reason: `The destination's settings are invalid: ${describeIssues(config.error)}`,
    };
  }
  // Secret validation messages never include the values.
  const secrets = adapter.secretsSchema.safeParse(storedSecrets ?? {});
  if (!secrets.success) {
    return {
      kind: "auth_invalid",
      reason: `The destination's secret settings are invalid: ${describeIssues(secrets.error)}`,
    };
  }
  try {
    return await adapter.deliver(lead, config.data, secrets.data, ctx);
  } catch (error) {
    // An adapter bug, not the receiver's fault: retried, so the lead is not lost meanwhile.
    return {
      kind: "retryable",
      reason: `Unexpected error in the ${adapter.label} adapter: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
