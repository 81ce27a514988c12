import { AuditRepository, MembershipRepository, TenantRepository, UserRepository, type UserDto } from "@leadrelay/db";
import { appError } from "../../errors";
import type { Context } from "../../trpc";
import type { CreateTenantInput, SetLocaleInput, SwitchTenantInput } from "./switchTenant.schema";

type Ctx = Context & { user: UserDto };

/** The chosen tenant must be one of the user's own memberships. */
export async function switchTenantHandler({ ctx, input }: { ctx: Ctx; input: SwitchTenantInput }) {
  const role = await new MembershipRepository(ctx.db).findRole(input.tenantId, ctx.user.id);
  if (!role) throw appError("NOT_FOUND", "tenantNotFound", "You are not a member of that publisher account.");
  await new UserRepository(ctx.db).update(ctx.user.id, { activeTenantId: input.tenantId });
  return { tenantId: input.tenantId };
}

export async function createTenantHandler({ ctx, input }: { ctx: Ctx; input: CreateTenantInput }) {
  return ctx.db.$transaction(async (tx) => {
    const tenant = await new TenantRepository(tx).createWithOwner({ name: input.name, ownerId: ctx.user.id });
    await new UserRepository(tx).update(ctx.user.id, { activeTenantId: tenant.id });
    await new AuditRepository(tx).record({ tenantId: tenant.id, actorId: ctx.user.id, action: "tenant.created", targetType: "tenant", targetId: tenant.id });
    return tenant;
  });
}

export async function setLocaleHandler({ ctx, input }: { ctx: Ctx; input: SetLocaleInput }) {
  await new UserRepository(ctx.db).update(ctx.user.id, { locale: input.locale });
  return { locale: input.locale };
}
