import { CaptureEndpointRepository } from "@leadrelay/db";
import type { TenantContext } from "../../trpc";
import { toCaptureEndpointView } from "./_shared";

/** The active capture URLs: the tenant-wide one and one per offer, where they exist. */
export async function listCaptureEndpointsHandler({ ctx }: { ctx: TenantContext }) {
  const endpoints = await new CaptureEndpointRepository(ctx.db).listActive(ctx.tenant.id);
  return endpoints.map((endpoint) => toCaptureEndpointView(endpoint, ctx.baseUrl));
}
