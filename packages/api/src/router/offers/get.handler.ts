import { OfferRepository } from "@leadrelay/db";
import type { TenantContext } from "../../trpc";
import { offerView, requireOffer } from "./_shared";
import type { GetOfferInput } from "./get.schema";

export async function getOfferHandler({ ctx, input }: { ctx: TenantContext; input: GetOfferInput }) {
  const offer = await requireOffer(ctx.db, ctx.tenant.id, input.id);
  const leadCount = await new OfferRepository(ctx.db).leadCount(ctx.tenant.id, offer.id);
  return { ...(await offerView(ctx.db, ctx.tenant.id, offer)), leadCount };
}
