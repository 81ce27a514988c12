import { adapterFor, decryptSecrets, maskSecrets, requireDestination, viewWithCounts, type TenantCtx } from "./_shared";
import type { GetDestinationInput } from "./get.schema";

/**
 * One destination with its settings. Secrets come back masked (`••••last4`) per field,
 * so the form can show which are set; their values never leave the server.
 */
export async function getDestinationHandler({ ctx, input }: { ctx: TenantCtx; input: GetDestinationInput }) {
  const destination = await requireDestination(ctx.db, ctx.tenant.id, input.id);
  const stored = decryptSecrets(destination);
  const secrets = Object.fromEntries(
    adapterFor(destination.kind).secretFields.map((field) => [field, stored[field] === undefined ? null : maskSecrets(stored[field])]),
  );
  return { ...(await viewWithCounts(ctx.db, destination)), secrets };
}
