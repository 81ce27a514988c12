import type { DbTx } from "../client";

export interface ApiTokenDto {
  id: string;
  tenantId: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdById: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  createdAt: Date;
}

const tokenSelect = {
  id: true,
  tenantId: true,
  name: true,
  prefix: true,
  scopes: true,
  createdById: true,
  lastUsedAt: true,
  revokedAt: true,
  expiresAt: true,
  createdAt: true,
} as const;

export class ApiTokenRepository {
  constructor(private readonly db: DbTx) {}

  create(input: { tenantId: string; name: string; prefix: string; tokenHash: string; scopes: string[]; createdById: string; expiresAt?: Date | null }): Promise<ApiTokenDto> {
    return this.db.apiToken.create({ data: input, select: tokenSelect });
  }

  /** The token behind a bearer value's hash, if it is neither revoked nor expired. */
  async findUsable(tokenHash: string, now = new Date()): Promise<ApiTokenDto | null> {
    const token = await this.db.apiToken.findUnique({ where: { tokenHash }, select: tokenSelect });
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return null;
    return token;
  }

  list(tenantId: string): Promise<ApiTokenDto[]> {
    return this.db.apiToken.findMany({ where: { tenantId }, orderBy: { createdAt: "desc" }, select: tokenSelect });
  }

  async revoke(tenantId: string, id: string): Promise<boolean> {
    const { count } = await this.db.apiToken.updateMany({ where: { id, tenantId, revokedAt: null }, data: { revokedAt: new Date() } });
    return count === 1;
  }

  /** Written at most once a minute per token, so busy clients do not turn every read into a write. */
  async touch(id: string, now = new Date()): Promise<void> {
    await this.db.apiToken.updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - 60_000) } }] },
      data: { lastUsedAt: now },
    });
  }
}
