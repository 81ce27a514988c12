import { MembershipRepository, OfferRepository } from "@leadrelay/db";
import type { TenantContext } from "../../trpc";
import { offerView, requireOffer } from "./_shared";
import type { GetOfferInput } from "./get.schema";

export async function getOfferHandler({ ctx, input }: { ctx: TenantContext; input: GetOfferInput }) {
  const offer = await requireOffer(ctx.db, ctx.tenant.id, input.id);
  const [leadCount, members] = await Promise.all([
    new OfferRepository(ctx.db).leadCount(ctx.tenant.id, offer.id),
    offer.defaultOwnerId ? new MembershipRepository(ctx.db).list(ctx.tenant.id) : Promise.resolve([]),
  ]);
  const owner = members.find((m) => m.userId === offer.defaultOwnerId);
  return {
    ...(await offerView(ctx.db, ctx.tenant.id, offer)),
    leadCount,
    /** The member who gets the offer's new leads under by-offer assignment. */
    defaultOwner: owner ? { userId: owner.userId, name: owner.name, email: owner.email } : null,
  };
}
