import { encryptJson } from "@leadrelay/crypto";
import { AuditRepository, DestinationRepository, type Prisma } from "@leadrelay/db";
import { appError } from "../../errors";
import { adapterFor, decryptSecrets, requireDestination, requireOffer, viewWithCounts, validateDestinationSettings, type TenantCtx } from "./_shared";
import type { UpdateDestinationInput } from "./update.schema";

const given = (value: unknown) => value !== undefined && value !== null && !(typeof value === "string" && value.trim() === "");

/**
 * Changes name, offer, settings and/or secrets. Secret fields left out or empty keep
 * their stored values (the form only shows them masked); the audit records which
 * fields changed, never a value.
 */
export async function updateDestinationHandler({ ctx, input }: { ctx: TenantCtx; input: UpdateDestinationInput }) {
  const current = await requireDestination(ctx.db, ctx.tenant.id, input.id);
  const adapter = adapterFor(current.kind);
  if (input.offerId) await requireOffer(ctx.db, ctx.tenant.id, input.offerId);

  const replacedSecrets = Object.keys(input.secrets ?? {}).filter((field) => given(input.secrets?.[field]));
  const storedSecrets = decryptSecrets(current);
  const mergedSecrets = { ...storedSecrets, ...Object.fromEntries(replacedSecrets.map((field) => [field, input.secrets![field]])) };
  const { config, secrets } = await validateDestinationSettings(adapter, { config: input.config ?? current.config, secrets: mergedSecrets });

  return ctx.db.$transaction(async (tx) => {
    const updated = await new DestinationRepository(tx).update(ctx.tenant.id, input.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.offerId !== undefined ? { offerId: input.offerId } : {}),
      ...(input.config !== undefined ? { config: config as Prisma.InputJsonObject } : {}),
      ...(replacedSecrets.length > 0 ? { secretsCiphertext: encryptJson(secrets) } : {}),
    });
    if (!updated) throw appError("NOT_FOUND", "destinationNotFound", "No such destination in this publisher account.");
    await new AuditRepository(tx).record({
      tenantId: ctx.tenant.id,
      actorId: ctx.user.id,
      action: "destination.updated",
      targetType: "destination",
      targetId: updated.id,
      data: {
        changed: [
          ...(input.name !== undefined && input.name !== current.name ? ["name"] : []),
          ...(input.offerId !== undefined && input.offerId !== current.offerId ? ["offerId"] : []),
          ...(input.config !== undefined ? ["config"] : []),
        ],
        secretsReplaced: replacedSecrets,
      },
    });
    return viewWithCounts(tx, updated);
  });
}
