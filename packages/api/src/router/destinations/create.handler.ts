import { encryptJson } from "@leadrelay/crypto";
import { AuditRepository, DestinationRepository, type Prisma } from "@leadrelay/db";
import { appError } from "../../errors";
import { adapterFor, AZURE_BLOB, AZURE_BLOB_RETIRED, requireOffer, toView, validateDestinationSettings, type TenantCtx } from "./_shared";
import type { CreateDestinationInput } from "./create.schema";

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/**
 * Creates a destination for one offer or as the tenant-wide default. Settings are checked
 * by the kind's schemas (field messages) and the SSRF rules; secrets are encrypted.
 * A secret Leadrelay generated because the field was left empty (a webhook signing secret)
 * is returned once, here, since the receiver needs it to verify signatures.
 */
export async function createDestinationHandler({ ctx, input }: { ctx: TenantCtx; input: CreateDestinationInput }) {
  if (input.kind === AZURE_BLOB) throw appError("BAD_REQUEST", "azureBlobRetired", AZURE_BLOB_RETIRED.message);
  const kind = input.kind;
  const adapter = adapterFor(kind);
  if (input.offerId) await requireOffer(ctx.db, ctx.tenant.id, input.offerId);
  const { config, secrets } = await validateDestinationSettings(adapter, input);

  const generatedSecrets = Object.fromEntries(
    adapter.secretFields
      .filter((field) => isBlank(input.secrets[field]) && typeof secrets[field] === "string")
      .map((field) => [field, secrets[field] as string]),
  );
  const hasSecrets = Object.values(secrets).some((value) => !isBlank(value));

  const destination = await ctx.db.$transaction(async (tx) => {
    const created = await new DestinationRepository(tx).create({
      tenantId: ctx.tenant.id,
      offerId: input.offerId,
      kind,
      name: input.name,
      config: config as Prisma.InputJsonObject,
      secretsCiphertext: hasSecrets ? encryptJson(secrets) : null,
    });
    await new AuditRepository(tx).record({
      tenantId: ctx.tenant.id,
      actorId: ctx.user.id,
      action: "destination.created",
      targetType: "destination",
      targetId: created.id,
      data: { kind, name: created.name, offerId: input.offerId },
    });
    return created;
  });
  return { destination: toView(destination), generatedSecrets };
}
