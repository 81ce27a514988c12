import { OfferRepository } from "@leadrelay/db";
import type { TenantContext } from "../../trpc";
import { toOfferView } from "./_shared";

/** The tenant's offers by title, each with whether it needs a destination and whether it is ready. */
export async function listOffersHandler({ ctx }: { ctx: TenantContext }) {
  const offers = new OfferRepository(ctx.db);
  const list = await offers.list(ctx.tenant.id);
  const facts = await offers.readinessFacts(ctx.tenant.id, list.map((o) => o.id));
  return list.map((offer) => toOfferView(offer, facts.get(offer.id)));
}
