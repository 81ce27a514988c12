import { DestinationRepository } from "@leadrelay/db";
import { toView, type TenantCtx } from "./_shared";
import type { ListDestinationsInput } from "./list.schema";

/** The tenant's destinations (defaults first) with their health and deliveries per status. */
export async function listDestinationsHandler({ ctx, input }: { ctx: TenantCtx; input: ListDestinationsInput }) {
  const destinations = new DestinationRepository(ctx.db);
  const list = await destinations.list(ctx.tenant.id, input?.offerId !== undefined ? { offerId: input.offerId } : {});
  const counts = await destinations.statusCounts(ctx.tenant.id, list.map((d) => d.id));
  return list.map((destination) => toView(destination, counts.get(destination.id)));
}
