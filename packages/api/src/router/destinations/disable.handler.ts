import { changeDestinationState } from "./_state";
import type { TenantCtx } from "./_shared";
import type { DisableDestinationInput } from "./disable.schema";

/** Turns the destination off: new leads are not queued for it, queued ones are held. */
export function disableDestinationHandler({ ctx, input }: { ctx: TenantCtx; input: DisableDestinationInput }) {
  return changeDestinationState(ctx, input.id, "disable");
}
