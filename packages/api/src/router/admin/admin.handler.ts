import { AuditRepository, TenantRepository, type UserDto } from "@leadrelay/db";
import { appError } from "../../errors";
import type { Context } from "../../trpc";
import type { ListTenantsInput, SetTenantStatusInput } from "./admin.schema";

type AdminCtx = Context & { user: UserDto };

export function listTenantsHandler({ ctx, input }: { ctx: AdminCtx; input: ListTenantsInput }) {
  return new TenantRepository(ctx.db).listAll(input.search || undefined);
}

/** Suspension signs the tenant's members out of it at once (every tenant request checks the status). */
export async function setTenantStatusHandler({ ctx, input }: { ctx: AdminCtx; input: SetTenantStatusInput }) {
  const tenants = new TenantRepository(ctx.db);
  if (!(await tenants.findById(input.tenantId))) throw appError("NOT_FOUND", "tenantNotFound", "No such publisher account.");
  const tenant = await tenants.setStatus(input.tenantId, input.status);
  await new AuditRepository(ctx.db).record({
    tenantId: tenant.id, actorId: ctx.user.id,
    action: input.status === "SUSPENDED" ? "tenant.suspended" : "tenant.reactivated",
    targetType: "tenant", targetId: tenant.id,
  });
  return tenant;
}
