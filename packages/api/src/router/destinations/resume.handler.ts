import { changeDestinationState } from "./_state";
import type { TenantCtx } from "./_shared";
import type { ResumeDestinationInput } from "./resume.schema";

/** ACTIVE again; every held delivery is sent, in the order the leads arrived. */
export function resumeDestinationHandler({ ctx, input }: { ctx: TenantCtx; input: ResumeDestinationInput }) {
  return changeDestinationState(ctx, input.id, "resume");
}
