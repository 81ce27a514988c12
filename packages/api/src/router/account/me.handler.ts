import { TenantRepository } from "@leadrelay/db";
import { resolveActiveTenant, type Context } from "../../trpc";
import type { UserDto } from "@leadrelay/db";

export async function meHandler({ ctx }: { ctx: Context & { user: UserDto } }) {
  const [memberships, active] = await Promise.all([
    new TenantRepository(ctx.db).listForUser(ctx.user.id),
    resolveActiveTenant(ctx.db, ctx.user),
  ]);
  return {
    user: { id: ctx.user.id, email: ctx.user.email, name: ctx.user.name, isPlatformAdmin: ctx.user.isPlatformAdmin, locale: ctx.user.locale },
    tenants: memberships.map((m) => ({ id: m.tenant.id, name: m.tenant.name, slug: m.tenant.slug, status: m.tenant.status, role: m.role })),
    activeTenant: active ? { id: active.tenant.id, name: active.tenant.name, slug: active.tenant.slug, status: active.tenant.status, role: active.role } : null,
  };
}
