import { hashPassword } from "@leadrelay/auth/password";
import { AuditRepository, RateLimitRepository, TenantRepository, UserRepository } from "@leadrelay/db";
import { appError } from "../../errors";
import type { Context } from "../../trpc";
import type { SignUpInput } from "./signUp.schema";

const SIGNUPS_PER_IP_PER_HOUR = 20;

/** Creates the user and their publisher tenant, which they own. */
export async function signUpHandler({ ctx, input }: { ctx: Context; input: SignUpInput }) {
  const attempts = await new RateLimitRepository(ctx.db).hit(`signup:${ctx.clientIp}`, 3600);
  if (attempts.count > SIGNUPS_PER_IP_PER_HOUR) {
    throw appError("TOO_MANY_REQUESTS", "rateLimited", "Too many sign-ups from this network. Try again in an hour.");
  }
  if (await new UserRepository(ctx.db).findByEmail(input.email)) {
    throw appError("CONFLICT", "emailTaken", "An account with this e-mail already exists. Sign in instead.");
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.$transaction(async (tx) => {
      const user = await new UserRepository(tx).create({
        email: input.email,
        name: input.name,
        passwordHash,
        locale: input.locale ?? "en",
      });
      const tenant = await new TenantRepository(tx).createWithOwner({ name: input.companyName, ownerId: user.id });
      await new UserRepository(tx).update(user.id, { activeTenantId: tenant.id });
      await new AuditRepository(tx).record({ tenantId: tenant.id, actorId: user.id, action: "tenant.created", targetType: "tenant", targetId: tenant.id });
      return { userId: user.id, tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name } };
    });
  } catch (error) {
    // Two sign-ups racing for one address: the unique index decides.
    if ((error as { code?: string }).code === "P2002") {
      throw appError("CONFLICT", "emailTaken", "An account with this e-mail already exists. Sign in instead.");
    }
    throw error;
  }
}
