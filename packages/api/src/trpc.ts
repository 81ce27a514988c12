import { sha256Hex } from "@leadrelay/crypto";
import {
  ApiTokenRepository,
  getDb,
  RateLimitRepository,
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
import { API_TOKEN_PREFIX, type ApiScope } from "./scopes";

export interface CreateContextOptions {
  /** The signed-in user from the session, or null. */
  session: { userId: string } | null;
  headers?: Headers;
  /** Absolute origin used in links we hand out (invites). */
  baseUrl?: string;
  db?: Db;
}

/** `Authorization: Bearer lr_…` → the token, for API clients. */
function bearerToken(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}

/**
 * The address the nearest proxy saw: the right-most X-Forwarded-For entry (Next.js
 * appends the socket's address). Left-most entries are whatever the client claimed.
 */
function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").map((part) => part.trim()).filter(Boolean);
  return forwarded?.at(-1) ?? headers.get("x-real-ip") ?? "unknown";
}

export function createTRPCContext(opts: CreateContextOptions) {
  const headers = opts.headers ?? new Headers();
  return {
    db: opts.db ?? getDb(),
    session: opts.session,
    bearer: bearerToken(headers),
    headers,
    baseUrl: opts.baseUrl ?? "http://localhost:3000",
    clientIp: clientIp(headers),
  };
}
export type Context = ReturnType<typeof createTRPCContext>;

export type Access = "public" | "signedIn" | "member" | "admin" | "owner" | "platformAdmin";

export interface Meta {
  /** The scope an API token needs; procedures without one are for signed-in users only. */
  scope?: ApiScope;
  /** Who may call it: set by the ladder below, read by the API reference. */
  access?: Access;
}

const t = initTRPC.context<Context>().meta<Meta>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        reason: error instanceof AppError ? error.reason : null,
        retryAfterSeconds: error instanceof AppError ? (error.retryAfterSeconds ?? null) : null,
        fieldErrors: cause instanceof ZodError ? cause.flatten().fieldErrors : null,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;
export const middleware = t.middleware;

/** True when any string or key in the value holds U+0000. */
function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (depth > 64 || !value || typeof value !== "object") return false;
  return Object.entries(value).some(([key, item]) => key.includes("\u0000") || containsNul(item, depth + 1));
}

/**
 * PostgreSQL cannot store U+0000 in text or jsonb, so such input would end in a 500 deep in
 * a query (found by the tRPC fuzz test). Every procedure refuses it up front, clearly.
 */
const refuseNulInput = t.middleware(async ({ getRawInput, next }) => {
  if (containsNul(await getRawInput())) {
    throw new AppError("BAD_REQUEST", "nulCharacter", "The input contains the NUL character (U+0000), which cannot be stored. Remove it and try again.");
  }
  return next();
});

const baseProcedure = t.procedure.use(refuseNulInput);

export const publicProcedure = baseProcedure.meta({ access: "public" });

const API_REQUESTS_PER_MINUTE = 600;

export interface ApiTokenAuth {
  tokenId: string;
  tenantId: string;
  scopes: string[];
}

/**
 * An API token acts for its tenant with its scopes, and only while the person
 * who created it is still a member: their role caps what the token may do.
 */
async function authenticateToken(ctx: Context, bearer: string) {
  if (!bearer.startsWith(API_TOKEN_PREFIX)) {
    throw appError("UNAUTHORIZED", "invalidToken", "The bearer token is not a Leadrelay API token (they start with lr_).");
  }
  const tokens = new ApiTokenRepository(ctx.db);
  const token = await tokens.findUsable(sha256Hex(bearer));
  if (!token?.createdById) throw appError("UNAUTHORIZED", "invalidToken", "The API token is invalid, expired or revoked.");
  const perMinute = (await new TenantRepository(ctx.db).getPlanLimits(token.tenantId))?.apiRateLimitPerMinute ?? API_REQUESTS_PER_MINUTE;
  const limit = await new RateLimitRepository(ctx.db).hit(`api-token:${token.id}`, 60);
  if (limit.count > perMinute) {
    const retryAfter = Math.max(1, Math.ceil((limit.resetAt.getTime() - Date.now()) / 1000));
    throw new AppError("TOO_MANY_REQUESTS", "rateLimited", `Rate limit of ${perMinute} requests a minute reached; retry in ${retryAfter} s.`, retryAfter);
  }
  const user = await new UserRepository(ctx.db).findById(token.createdById);
  if (!user) throw appError("UNAUTHORIZED", "invalidToken", "The API token's creator no longer exists; create a new token.");
  await tokens.touch(token.id);
  return { user, apiToken: { tokenId: token.id, tenantId: token.tenantId, scopes: token.scopes } satisfies ApiTokenAuth };
}

/** Tokens reach only procedures that declare a scope the token has. */
function assertTokenScope(apiToken: ApiTokenAuth | null, meta: Meta | undefined) {
  if (!apiToken) return;
  if (!meta?.scope) throw appError("FORBIDDEN", "notForTokens", "This procedure is not available to API tokens; sign in to use it.");
  if (!apiToken.scopes.includes(meta.scope)) {
    throw appError("FORBIDDEN", "missingScope", `This API token lacks the "${meta.scope}" scope.`);
  }
}

/** Signed in (or an API token); the user row is loaded fresh on each request. */
export const protectedProcedure = baseProcedure.meta({ access: "signedIn" }).use(async ({ ctx, meta, next }) => {
  if (!ctx.session && ctx.bearer) {
    const { user, apiToken } = await authenticateToken(ctx, ctx.bearer);
    assertTokenScope(apiToken, meta);
    return next({ ctx: { ...ctx, user, apiToken: apiToken as ApiTokenAuth | null } });
  }
  if (!ctx.session) throw appError("UNAUTHORIZED", "signedOut", "Sign in to continue.");
  const user = await new UserRepository(ctx.db).findById(ctx.session.userId);
  if (!user) throw appError("UNAUTHORIZED", "signedOut", "Your account no longer exists. Sign in again.");
  return next({ ctx: { ...ctx, user, apiToken: null as ApiTokenAuth | null } });
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

export const tenantProcedure = protectedProcedure.meta({ access: "member" }).use(async ({ ctx, next }) => {
  const active = ctx.apiToken
    ? await tokenTenant(ctx.db, ctx.apiToken.tenantId, ctx.user.id)
    : await resolveActiveTenant(ctx.db, ctx.user);
  if (!active) throw appError("FORBIDDEN", "noTenant", "You are not a member of any publisher account.");
  if (active.tenant.status === "SUSPENDED") {
    throw appError("FORBIDDEN", "tenantSuspended", `The publisher account "${active.tenant.name}" is suspended. Contact the Leadrelay team.`);
  }
  return next({ ctx: { ...ctx, tenant: active.tenant, role: active.role } });
});

async function tokenTenant(db: Db, tenantId: string, creatorId: string) {
  const role = await new MembershipRepository(db).findRole(tenantId, creatorId);
  const tenant = role ? await new TenantRepository(db).findById(tenantId) : null;
  if (!role || !tenant) throw appError("UNAUTHORIZED", "invalidToken", "The API token's creator is no longer a member of its publisher account; create a new token.");
  return { tenant, role };
}

/** The context every tenant-scoped handler receives. */
export type TenantContext = Context & { user: UserDto; tenant: TenantDto; role: TenantRole; apiToken: ApiTokenAuth | null };

export const tenantAdminProcedure = tenantProcedure.meta({ access: "admin" }).use(({ ctx, next }) => {
  if (ctx.role === "MEMBER") throw appError("FORBIDDEN", "adminOnly", "Only owners and admins of this publisher account can do this.");
  return next();
});

export const tenantOwnerProcedure = tenantProcedure.meta({ access: "owner" }).use(({ ctx, next }) => {
  if (ctx.role !== "OWNER") throw appError("FORBIDDEN", "ownerOnly", "Only owners of this publisher account can do this.");
  return next();
});

/** Platform staff: a flag on the user, never a tenant role. */
export const platformAdminProcedure = protectedProcedure.meta({ access: "platformAdmin" }).use(({ ctx, next }) => {
  if (ctx.apiToken) throw appError("FORBIDDEN", "notForTokens", "Platform administration is not available to API tokens.");
  if (!ctx.user.isPlatformAdmin) throw appError("FORBIDDEN", "platformAdminOnly", "This is for Leadrelay platform administrators only.");
  return next();
});
