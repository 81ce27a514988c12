import { AdminRepository, AuditRepository, releaseHeldDeliveries, TenantRepository, type UserDto } from "@leadrelay/db";
import { appError } from "../../errors";
import type { Context } from "../../trpc";
import type { ListTenantsInput, SetTenantStatusInput, TenantDetailInput, UpdatePlanLimitsInput } from "./admin.schema";

export type AdminCtx = Context & { user: UserDto };

export const tenantNotFound = () => appError("NOT_FOUND", "tenantNotFound", "No such publisher account.");

/** With leads in the last 30 days, destination health and members per tenant. */
export function listTenantsHandler({ ctx, input }: { ctx: AdminCtx; input: ListTenantsInput }) {
  return new AdminRepository(ctx.db).listTenants({ search: input.search || undefined });
}

/** Why a tenant's leads fail: destinations with their health and the latest failing deliveries. Never secrets. */
export async function tenantDetailHandler({ ctx, input }: { ctx: AdminCtx; input: TenantDetailInput }) {
  const detail = await new AdminRepository(ctx.db).tenantDetail(input.tenantId);
  if (!detail) throw tenantNotFound();
  return detail;
}

/** Suspension signs the tenant's members out of it at once (every tenant request checks the status). */
export async function setTenantStatusHandler({ ctx, input }: { ctx: AdminCtx; input: SetTenantStatusInput }) {
  const tenants = new TenantRepository(ctx.db);
  if (!(await tenants.findById(input.tenantId))) throw tenantNotFound();
  const tenant = await tenants.setStatus(input.tenantId, input.status);
  if (tenant.status === "ACTIVE") await releaseHeldDeliveries(ctx.db, tenant.id); // deliveries held while suspended go out now
  await new AuditRepository(ctx.db).record({
    tenantId: tenant.id, actorId: ctx.user.id,
    action: input.status === "SUSPENDED" ? "tenant.suspended" : "tenant.reactivated",
    targetType: "tenant", targetId: tenant.id,
  });
  return tenant;
}

/** Plan limits per tenant (capture requests and API calls a minute); audited with before and after. */
export async function updatePlanLimitsHandler({ ctx, input }: { ctx: AdminCtx; input: UpdatePlanLimitsInput }) {
  const tenants = new TenantRepository(ctx.db);
  const before = await tenants.getPlanLimits(input.tenantId);
  if (!before) throw tenantNotFound();
  const after = { captureRateLimitPerMinute: input.captureRateLimitPerMinute, apiRateLimitPerMinute: input.apiRateLimitPerMinute };
  await ctx.db.$transaction(async (tx) => {
    await new TenantRepository(tx).setPlanLimits(input.tenantId, after);
    await new AuditRepository(tx).record({
      tenantId: input.tenantId, actorId: ctx.user.id, action: "tenant.plan_limits_changed",
      targetType: "tenant", targetId: input.tenantId, data: { before, after },
    });
  });
  return { tenantId: input.tenantId, ...after };
}
