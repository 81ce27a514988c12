import { AuditRepository, OfferRepository, type OfferDto } from "@leadrelay/db";
import type { TenantContext } from "../../trpc";
import { isUniqueViolation, offerTakenError, offerView, requireDefaultOwner, requireOffer } from "./_shared";
import type { UpdateOfferInput } from "./update.schema";

const EDITABLE = ["publisherId", "offerId", "title", "type", "listedAsContactMe", "hasTestDrive", "defaultOwnerId"] as const;

export async function updateOfferHandler({ ctx, input }: { ctx: TenantContext; input: UpdateOfferInput }) {
  const { id, ...changes } = input;
  const before = await requireOffer(ctx.db, ctx.tenant.id, id);
  await requireDefaultOwner(ctx.db, ctx.tenant.id, changes.defaultOwnerId);
  try {
    const offer = await ctx.db.$transaction(async (tx) => {
      const updated = await new OfferRepository(tx).update(ctx.tenant.id, id, changes);
      if (!updated) return null;
      const diff = changedFields(before, updated);
      if (Object.keys(diff).length > 0) {
        await new AuditRepository(tx).record({
          tenantId: ctx.tenant.id, actorId: ctx.user.id, action: "offer.updated", targetType: "offer", targetId: id, data: diff,
        });
      }
      return updated;
    });
    return offerView(ctx.db, ctx.tenant.id, offer ?? (await requireOffer(ctx.db, ctx.tenant.id, id)));
  } catch (error) {
    if (isUniqueViolation(error)) throw offerTakenError(`${changes.publisherId ?? before.publisherId}.${changes.offerId ?? before.offerId}`);
    throw error;
  }
}

/** `{ field: { from, to } }` for what actually changed, for the audit log. */
function changedFields(before: OfferDto, after: OfferDto) {
  return Object.fromEntries(EDITABLE.filter((field) => before[field] !== after[field]).map((field) => [field, { from: before[field], to: after[field] }]));
}
