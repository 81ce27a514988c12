import { generateToken, sha256Hex } from "@leadrelay/crypto";
import { ApiTokenRepository, AuditRepository, type ApiTokenDto, type DbTx } from "@leadrelay/db";
import { appError } from "../../errors";
import { API_SCOPES, API_TOKEN_PREFIX } from "../../scopes";
import type { TenantContext } from "../../trpc";
import type { CreateApiTokenInput, RevokeApiTokenInput } from "./apiTokens.schema";

/** What the UI and API show of a token: never its hash, and the secret only once at creation. */
function toView(token: ApiTokenDto) {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    scopes: token.scopes,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
    expiresAt: token.expiresAt,
    createdAt: token.createdAt,
  };
}

export async function listApiTokensHandler({ ctx }: { ctx: TenantContext }) {
  return (await new ApiTokenRepository(ctx.db).list(ctx.tenant.id)).map(toView);
}

export function scopesHandler() {
  return Object.entries(API_SCOPES).map(([scope, description]) => ({ scope, description }));
}

/** Shared with the CLI: creates the token and returns its secret value, which is never stored. */
export async function issueApiToken(
  db: DbTx,
  input: CreateApiTokenInput & { tenantId: string; createdById: string },
): Promise<{ token: string; record: ApiTokenDto }> {
  const token = generateToken(API_TOKEN_PREFIX);
  const record = await new ApiTokenRepository(db).create({
    tenantId: input.tenantId,
    name: input.name,
    prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
    tokenHash: sha256Hex(token),
    scopes: input.scopes,
    createdById: input.createdById,
    expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
  });
  await new AuditRepository(db).record({
    tenantId: input.tenantId, actorId: input.createdById, action: "api_token.created",
    targetType: "api_token", targetId: record.id, data: { name: input.name, scopes: input.scopes },
  });
  return { token, record };
}

export async function createApiTokenHandler({ ctx, input }: { ctx: TenantContext; input: CreateApiTokenInput }) {
  const { token, record } = await ctx.db.$transaction((tx) => issueApiToken(tx, { ...input, tenantId: ctx.tenant.id, createdById: ctx.user.id }));
  return { token, apiToken: toView(record) };
}

export async function revokeApiTokenHandler({ ctx, input }: { ctx: TenantContext; input: RevokeApiTokenInput }) {
  if (!(await new ApiTokenRepository(ctx.db).revoke(ctx.tenant.id, input.tokenId))) {
    throw appError("NOT_FOUND", "tokenNotFound", "No such API token, or it was already revoked.");
  }
  await new AuditRepository(ctx.db).record({ tenantId: ctx.tenant.id, actorId: ctx.user.id, action: "api_token.revoked", targetType: "api_token", targetId: input.tokenId });
  return { tokenId: input.tokenId };
}
