import { AuditRepository, DestinationRepository } from "@leadrelay/db";
import { appError } from "../../errors";
import { requireDestination, type TenantCtx } from "./_shared";
import type { DeleteDestinationInput } from "./delete.schema";

/** Deletes the destination with its delivery log; queued deliveries to it are dropped. Leads stay. */
export async function deleteDestinationHandler({ ctx, input }: { ctx: TenantCtx; input: DeleteDestinationInput }) {
  const destination = await requireDestination(ctx.db, ctx.tenant.id, input.id);
  return ctx.db.$transaction(async (tx) => {
    if (!(await new DestinationRepository(tx).delete(ctx.tenant.id, input.id))) {
      throw appError("NOT_FOUND", "destinationNotFound", "No such destination in this publisher account.");
    }
    await new AuditRepository(tx).record({
      tenantId: ctx.tenant.id,
      actorId: ctx.user.id,
      action: "destination.deleted",
      targetType: "destination",
      targetId: input.id,
      data: { kind: destination.kind, name: destination.name, offerId: destination.offerId },
    });
    return { id: input.id };
  });
}
