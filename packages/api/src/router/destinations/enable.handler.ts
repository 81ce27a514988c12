import { changeDestinationState } from "./_state";
import type { TenantCtx } from "./_shared";
import type { EnableDestinationInput } from "./enable.schema";

/** Turns the destination back on and sends what was held for it. */
export function enableDestinationHandler({ ctx, input }: { ctx: TenantCtx; input: EnableDestinationInput }) {
  return changeDestinationState(ctx, input.id, "enable");
}
