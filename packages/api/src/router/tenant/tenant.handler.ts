import { AuditRepository, TenantRepository, type TenantDto, type TenantRole, type UserDto } from "@leadrelay/db";
import type { Context } from "../../trpc";
import type { RenameTenantInput } from "./tenant.schema";

type TenantCtx = Context & { user: UserDto; tenant: TenantDto; role: TenantRole };

export function currentTenantHandler({ ctx }: { ctx: TenantCtx }) {
  return { ...ctx.tenant, role: ctx.role };
}

export async function renameTenantHandler({ ctx, input }: { ctx: TenantCtx; input: RenameTenantInput }) {
  const tenant = await new TenantRepository(ctx.db).rename(ctx.tenant.id, input.name);
  await new AuditRepository(ctx.db).record({ tenantId: ctx.tenant.id, actorId: ctx.user.id, action: "tenant.renamed", targetType: "tenant", targetId: ctx.tenant.id, data: { from: ctx.tenant.name, to: input.name } });
  return tenant;
}

/** Owners see their own tenant's part of the audit log. */
export function auditLogHandler({ ctx }: { ctx: TenantCtx }) {
  return new AuditRepository(ctx.db).listForTenant(ctx.tenant.id);
}
