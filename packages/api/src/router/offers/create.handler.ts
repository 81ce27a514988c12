import { AuditRepository, OfferRepository } from "@leadrelay/db";
import type { TenantContext } from "../../trpc";
import { isUniqueViolation, offerTakenError, offerView, requireDefaultOwner } from "./_shared";
import type { CreateOfferInput } from "./create.schema";

export async function createOfferHandler({ ctx, input }: { ctx: TenantContext; input: CreateOfferInput }) {
  await requireDefaultOwner(ctx.db, ctx.tenant.id, input.defaultOwnerId);
  try {
    const offer = await ctx.db.$transaction(async (tx) => {
      const created = await new OfferRepository(tx).create(ctx.tenant.id, input);
      await new AuditRepository(tx).record({
        tenantId: ctx.tenant.id,
        actorId: ctx.user.id,
        action: "offer.created",
        targetType: "offer",
        targetId: created.id,
        data: { ref: `${created.publisherId}.${created.offerId}`, title: created.title, type: created.type, defaultOwnerId: created.defaultOwnerId },
      });
      return created;
    });
    return offerView(ctx.db, ctx.tenant.id, offer);
  } catch (error) {
    if (isUniqueViolation(error)) throw offerTakenError(`${input.publisherId}.${input.offerId}`);
    throw error;
  }
}
