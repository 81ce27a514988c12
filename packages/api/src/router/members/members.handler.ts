import { AuditRepository, MembershipRepository, OfferRepository, TenantRepository, type DbTx, type TenantDto, type TenantRole, type UserDto } from "@leadrelay/db";
import { appError } from "../../errors";
import type { Context } from "../../trpc";
import type { RemoveMemberInput, UpdateRoleInput } from "./members.schema";

type TenantCtx = Context & { user: UserDto; tenant: TenantDto; role: TenantRole };

export function listMembersHandler({ ctx }: { ctx: TenantCtx }) {
  return new MembershipRepository(ctx.db).list(ctx.tenant.id);
}

/** Every publisher account keeps at least one owner. */
async function assertNotLastOwner(db: DbTx, tenantId: string, userId: string, message: string) {
  // Serialises owner changes per tenant, so two owners demoting each other at once cannot leave none.
  await new TenantRepository(db).lockForUpdate(tenantId);
  const members = new MembershipRepository(db);
  if ((await members.findRole(tenantId, userId)) === "OWNER" && (await members.countOwners(tenantId)) <= 1) {
    throw appError("BAD_REQUEST", "lastOwner", message);
  }
}

export async function updateRoleHandler({ ctx, input }: { ctx: TenantCtx; input: UpdateRoleInput }) {
  return ctx.db.$transaction(async (tx) => {
    const members = new MembershipRepository(tx);
    const current = await members.findRole(ctx.tenant.id, input.userId);
    if (!current) throw appError("NOT_FOUND", "memberNotFound", "That person is not a member of this publisher account.");
    if (input.role !== "OWNER") {
      await assertNotLastOwner(tx, ctx.tenant.id, input.userId, "The last owner cannot be demoted. Make someone else an owner first.");
    }
    await members.setRole(ctx.tenant.id, input.userId, input.role);
    await new AuditRepository(tx).record({
      tenantId: ctx.tenant.id, actorId: ctx.user.id, action: "member.role_changed",
      targetType: "user", targetId: input.userId, data: { from: current, to: input.role },
    });
    return { userId: input.userId, role: input.role };
  });
}

export async function removeMemberHandler({ ctx, input }: { ctx: TenantCtx; input: RemoveMemberInput }) {
  return ctx.db.$transaction(async (tx) => {
    const members = new MembershipRepository(tx);
    if (!(await members.findRole(ctx.tenant.id, input.userId))) {
      throw appError("NOT_FOUND", "memberNotFound", "That person is not a member of this publisher account.");
    }
    await assertNotLastOwner(tx, ctx.tenant.id, input.userId, "The last owner cannot be removed. Make someone else an owner first.");
    await members.remove(ctx.tenant.id, input.userId);
    // Their offers' new leads go by the fallback rule (round robin) from now on.
    await new OfferRepository(tx).clearDefaultOwner(ctx.tenant.id, input.userId);
    await new AuditRepository(tx).record({ tenantId: ctx.tenant.id, actorId: ctx.user.id, action: "member.removed", targetType: "user", targetId: input.userId });
    return { userId: input.userId };
  });
}

export async function leaveTenantHandler({ ctx }: { ctx: TenantCtx }) {
  return ctx.db.$transaction(async (tx) => {
    await assertNotLastOwner(tx, ctx.tenant.id, ctx.user.id, "You are the last owner: make someone else an owner before you leave.");
    await new MembershipRepository(tx).remove(ctx.tenant.id, ctx.user.id);
    await new OfferRepository(tx).clearDefaultOwner(ctx.tenant.id, ctx.user.id);
    await new AuditRepository(tx).record({ tenantId: ctx.tenant.id, actorId: ctx.user.id, action: "member.left", targetType: "user", targetId: ctx.user.id });
    return { tenantId: ctx.tenant.id };
  });
}
