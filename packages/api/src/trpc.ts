import {
  getDb,
  MembershipRepository,
  TenantRepository,
  UserRepository,
  type Db,
  type TenantDto,
  type TenantRole,
  type UserDto,
} from "@leadrelay/db";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { AppError, appError } from "./errors";

export interface CreateContextOptions {
  /** The signed-in user from the session, or null. */
  session: { userId: string } | null;
  headers?: Headers;
  /** Absolute origin used in links we hand out (invites). */
  baseUrl?: string;
  db?: Db;
}

export function createTRPCContext(opts: CreateContextOptions) {
  const headers = opts.headers ?? new Headers();
  return {
    db: opts.db ?? getDb(),
    session: opts.session,
    headers,
    baseUrl: opts.baseUrl ?? "http://localhost:3000",
    clientIp: headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? headers.get("x-real-ip") ?? "unknown",
  };
}
export type Context = ReturnType<typeof createTRPCContext>;

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        reason: error instanceof AppError ? error.reason : null,
        fieldErrors: cause instanceof ZodError ? cause.flatten().fieldErrors : null,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;
export const middleware = t.middleware;

export const publicProcedure = t.procedure;

/** Signed in; the user row is loaded fresh on each request. */
export const protectedProcedure = t.procedure.use(async ({ ctx, next }) => {
  if (!ctx.session) throw appError("UNAUTHORIZED", "signedOut", "Sign in to continue.");
  const user = await new UserRepository(ctx.db).findById(ctx.session.userId);
  if (!user) throw appError("UNAUTHORIZED", "signedOut", "Your account no longer exists. Sign in again.");
  return next({ ctx: { ...ctx, user } });
});

/**
 * The user's active tenant (from their account, never from input), with the
 * membership and the tenant's status checked on every request: removing a
 * member or suspending a tenant takes effect at once.
 */
export async function resolveActiveTenant(
  db: Db,
  user: UserDto,
): Promise<{ tenant: TenantDto; role: TenantRole } | null> {
  const memberships = new MembershipRepository(db);
  if (user.activeTenantId) {
    const role = await memberships.findRole(user.activeTenantId, user.id);
    const tenant = role ? await new TenantRepository(db).findById(user.activeTenantId) : null;
    if (role && tenant) return { tenant, role };
  }
  const first = (await new TenantRepository(db).listForUser(user.id))[0];
  return first ?? null;
}

export const tenantProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  const active = await resolveActiveTenant(ctx.db, ctx.user);
  if (!active) throw appError("FORBIDDEN", "noTenant", "You are not a member of any publisher account.");
  if (active.tenant.status === "SUSPENDED") {
    throw appError("FORBIDDEN", "tenantSuspended", `The publisher account "${active.tenant.name}" is suspended. Contact the Leadrelay team.`);
  }
  return next({ ctx: { ...ctx, tenant: active.tenant, role: active.role } });
});

export const tenantAdminProcedure = tenantProcedure.use(({ ctx, next }) => {
  if (ctx.role === "MEMBER") throw appError("FORBIDDEN", "adminOnly", "Only owners and admins of this publisher account can do this.");
  return next();
});

export const tenantOwnerProcedure = tenantProcedure.use(({ ctx, next }) => {
  if (ctx.role !== "OWNER") throw appError("FORBIDDEN", "ownerOnly", "Only owners of this publisher account can do this.");
  return next();
});

/** Platform staff: a flag on the user, never a tenant role. */
export const platformAdminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!ctx.user.isPlatformAdmin) throw appError("FORBIDDEN", "platformAdminOnly", "This is for Leadrelay platform administrators only.");
  return next();
});
