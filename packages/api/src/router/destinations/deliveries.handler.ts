import { DeliveryRepository } from "@leadrelay/db";
import { appError } from "../../errors";
import { requireDestination, type TenantCtx } from "./_shared";
import type { DestinationDeliveriesInput } from "./deliveries.schema";

/** The destination's delivery log, newest first, each delivery with its latest attempts. */
export async function destinationDeliveriesHandler({ ctx, input }: { ctx: TenantCtx; input: DestinationDeliveriesInput }) {
  await requireDestination(ctx.db, ctx.tenant.id, input.id);
  if (input.cursor && !/^\d{1,15}_[A-Za-z0-9]{1,64}$/u.test(input.cursor)) {
    throw appError("BAD_REQUEST", "invalidCursor", "This page cursor is not valid: start again from the first page.");
  }
  return new DeliveryRepository(ctx.db).listForDestination(ctx.tenant.id, input.id, {
    cursor: input.cursor ?? null,
    limit: input.limit,
    ...(input.status ? { status: input.status } : {}),
  });
}
