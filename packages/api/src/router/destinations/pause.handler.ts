import { changeDestinationState } from "./_state";
import type { TenantCtx } from "./_shared";
import type { PauseDestinationInput } from "./pause.schema";

/** Stops deliveries for now; they are held (none lost) until the destination is resumed. */
export function pauseDestinationHandler({ ctx, input }: { ctx: TenantCtx; input: PauseDestinationInput }) {
  return changeDestinationState(ctx, input.id, "pause");
}
