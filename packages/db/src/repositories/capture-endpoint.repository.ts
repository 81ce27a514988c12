import { decryptSecret, encryptSecret, generateToken, sha256Hex } from "@leadrelay/crypto";
import type { Db, DbTx } from "../client";
import type { Prisma } from "../generated/prisma/client";
import type { TenantStatus } from "../generated/prisma/enums";

/** Capture tokens start with this, so a leaked one is recognisable (secret scanners, logs). */
export const CAPTURE_TOKEN_PREFIX = "lrc_";

export interface CaptureEndpointDto {
  id: string;
  /** Null: tenant-wide. */
  offerId: string | null;
  offer: { id: string; publisherId: string; offerId: string; title: string } | null;
  /** The token in the URL; null only if it can no longer be decrypted (encryption key changed). */
  token: string | null;
  verifiedAt: Date | null;
  lastLeadAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

/** What the capture route needs to accept a request, read in one query. */
export interface CaptureTarget {
  id: string;
  tenantId: string;
  offerId: string | null;
  tenantStatus: TenantStatus;
  /** The tenant's plan limit for capture requests a minute per URL; null = the platform default. */
  rateLimitPerMinute: number | null;
}

/** A capture target with everything `captureLead` would otherwise read again (and the request counted). */
export interface CaptureTargetForLead extends CaptureTarget {
  /** The URL's own offer (null: tenant-wide URL). */
  offer: { id: string; publisherId: string; offerId: string; title: string } | null;
  privacyDomains: string[];
  lastLeadAt: Date | null;
  verifiedAt: Date | null;
  /** The request's place in the URL's rate-limit window (`RateLimitRepository.hit` semantics). */
  window: { count: number; resetAt: Date };
}

/**
 * `lastLeadAt` (and `verifiedAt` for test leads) are rewritten only when the stored value is
 * older than this, so a burst of leads does not make every capture transaction queue on the
 * endpoint's row. The dashboard shows these as "last lead n minutes ago".
 */
export const MARK_LEAD_GRANULARITY_SECONDS = 10;

/** Whether `markLead` would change the row, judged from values read before the transaction. */
export function markLeadNeeded(seen: { lastLeadAt: Date | null; verifiedAt: Date | null }, at: Date, isTest: boolean): boolean {
  const stale = (value: Date | null) => value === null || value.getTime() < at.getTime() - MARK_LEAD_GRANULARITY_SECONDS * 1000;
  return stale(seen.lastLeadAt) || (isTest && stale(seen.verifiedAt));
}

export interface CaptureRejectionDto {
  id: string;
  captureEndpointId: string;
  receivedAt: Date;
  httpStatus: number;
  reason: string;
  bodyExcerpt: string | null;
}

/** Rejections keep at most this much of the body: enough to see a mapping problem, not a dump. */
export const REJECTION_EXCERPT_CHARS = 2048;

const endpointSelect = {
  id: true,
  offerId: true,
  tokenCiphertext: true,
  verifiedAt: true,
  lastLeadAt: true,
  revokedAt: true,
  createdAt: true,
  offer: { select: { id: true, publisherId: true, offerId: true, title: true } },
} as const satisfies Prisma.CaptureEndpointSelect;

type EndpointRow = Prisma.CaptureEndpointGetPayload<{ select: typeof endpointSelect }>;

function toDto({ tokenCiphertext, ...row }: EndpointRow): CaptureEndpointDto {
  let token: string | null;
  try {
    token = decryptSecret(tokenCiphertext);
  } catch {
    token = null;
  }
  return { ...row, token };
}

export function captureUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/u, "")}/api/capture/${token}`;
}

export class CaptureEndpointRepository {
  constructor(private readonly db: DbTx) {}

  /** The active (not revoked) endpoint a request's token names, with its tenant's status. */
  async findActiveByToken(token: string): Promise<CaptureTarget | null> {
    const row = await this.db.captureEndpoint.findUnique({
      where: { tokenHash: sha256Hex(token) },
      select: { id: true, tenantId: true, offerId: true, revokedAt: true, tenant: { select: { status: true, captureRateLimitPerMinute: true } } },
    });
    if (!row || row.revokedAt) return null;
    return { id: row.id, tenantId: row.tenantId, offerId: row.offerId, tenantStatus: row.tenant.status, rateLimitPerMinute: row.tenant.captureRateLimitPerMinute };
  }

  /**
   * `findActiveByToken`, the URL's offer, the tenant's privacy domains and the endpoint's
   * last-lead/verified times, and the request counted in the URL's rate-limit bucket
   * (`capture:<endpoint id>`, fixed window), all in one round trip. The bucket write is
   * committed asynchronously (synchronous_commit off for this statement only): its row lock
   * is released without waiting for the WAL flush, so concurrent requests to one URL do not
   * queue behind each other's fsync. A crash may forget the last fraction of a second of hits.
   */
  async findActiveByTokenCountingHit(token: string, windowSeconds: number): Promise<CaptureTargetForLead | null> {
    const rows = await this.db.$queryRaw<
      {
        id: string;
        tenantId: string;
        offerId: string | null;
        tenantStatus: TenantStatus;
        rateLimitPerMinute: number | null;
        privacyDomains: string[];
        lastLeadAt: Date | null;
        verifiedAt: Date | null;
        offerPublisherId: string | null;
        offerOfferId: string | null;
        offerTitle: string | null;
        count: number | null;
        windowStart: Date | null;
      }[]
    >`
      WITH target AS (
        SELECT e."id", e."tenantId", e."offerId", e."lastLeadAt", e."verifiedAt",
               t."status"::text AS "tenantStatus", t."captureRateLimitPerMinute" AS "rateLimitPerMinute", t."privacyDomains",
               o."publisherId" AS "offerPublisherId", o."offerId" AS "offerOfferId", o."title" AS "offerTitle",
               set_config('synchronous_commit', 'off', true) AS "asyncCommit"
        FROM "CaptureEndpoint" e
        JOIN "Tenant" t ON t."id" = e."tenantId"
        LEFT JOIN "Offer" o ON o."id" = e."offerId" AND o."tenantId" = e."tenantId"
        WHERE e."tokenHash" = ${sha256Hex(token)} AND e."revokedAt" IS NULL
      ), hit AS (
        INSERT INTO "RateLimitBucket" (key, count, "windowStart")
        SELECT 'capture:' || target."id", 1, now() FROM target WHERE target."asyncCommit" = 'off'
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN "RateLimitBucket"."windowStart" <= now() - make_interval(secs => ${windowSeconds})
                       THEN 1 ELSE "RateLimitBucket".count + 1 END,
          "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" <= now() - make_interval(secs => ${windowSeconds})
                       THEN now() ELSE "RateLimitBucket"."windowStart" END
        RETURNING count, "windowStart"
      )
      SELECT target."id", target."tenantId", target."offerId", target."lastLeadAt", target."verifiedAt", target."tenantStatus",
             target."rateLimitPerMinute", target."privacyDomains", target."offerPublisherId", target."offerOfferId", target."offerTitle",
             hit.count, hit."windowStart"
      FROM target LEFT JOIN hit ON true`;
    const row = rows[0];
    if (!row || row.count === null || row.windowStart === null) return null;
    return {
      id: row.id,
      tenantId: row.tenantId,
      offerId: row.offerId,
      tenantStatus: row.tenantStatus,
      rateLimitPerMinute: row.rateLimitPerMinute,
      offer:
        row.offerId && row.offerPublisherId !== null && row.offerOfferId !== null && row.offerTitle !== null
          ? { id: row.offerId, publisherId: row.offerPublisherId, offerId: row.offerOfferId, title: row.offerTitle }
          : null,
      privacyDomains: row.privacyDomains,
      lastLeadAt: row.lastLeadAt,
      verifiedAt: row.verifiedAt,
      window: { count: row.count, resetAt: new Date(row.windowStart.getTime() + windowSeconds * 1000) },
    };
  }

  /** Active endpoints, tenant-wide first, then by offer title. */
  async listActive(tenantId: string): Promise<CaptureEndpointDto[]> {
    const rows = await this.db.captureEndpoint.findMany({
      where: { tenantId, revokedAt: null },
      orderBy: [{ createdAt: "asc" }],
      select: endpointSelect,
    });
    return rows
      .map(toDto)
      .sort((a, b) => (a.offer?.title ?? "").localeCompare(b.offer?.title ?? "") || a.createdAt.getTime() - b.createdAt.getTime());
  }

  async findActiveForScope(tenantId: string, offerId: string | null): Promise<CaptureEndpointDto | null> {
    const row = await this.db.captureEndpoint.findFirst({
      where: { tenantId, offerId, revokedAt: null },
      orderBy: { createdAt: "desc" },
      select: endpointSelect,
    });
    return row ? toDto(row) : null;
  }

  async findById(tenantId: string, id: string): Promise<CaptureEndpointDto | null> {
    const row = await this.db.captureEndpoint.findFirst({ where: { id, tenantId }, select: endpointSelect });
    return row ? toDto(row) : null;
  }

  /** A new endpoint with a fresh token; callers keep one active per scope (see ensureCaptureEndpoint). */
  async create(tenantId: string, offerId: string | null): Promise<CaptureEndpointDto> {
    const token = generateToken(CAPTURE_TOKEN_PREFIX);
    const row = await this.db.captureEndpoint.create({
      data: { tenantId, offerId, tokenHash: sha256Hex(token), tokenCiphertext: encryptSecret(token) },
      select: endpointSelect,
    });
    return { ...toDto(row), token };
  }

  async revoke(tenantId: string, id: string, at = new Date()): Promise<boolean> {
    const { count } = await this.db.captureEndpoint.updateMany({ where: { id, tenantId, revokedAt: null }, data: { revokedAt: at } });
    return count > 0;
  }

  /** Serialises endpoint changes of one scope (tenant-wide or one offer) until the transaction ends. */
  async lockScope(tenantId: string, offerId: string | null): Promise<void> {
    await this.db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`capture-endpoint:${tenantId}:${offerId ?? "*"}`}, 0))`;
  }

  /**
   * A lead came through: the last-lead time, and verification when it was Microsoft's test
   * lead. Times only move forward, and only when the stored one is older than
   * MARK_LEAD_GRANULARITY_SECONDS: the row is not rewritten (nor locked) by every capture.
   */
  async markLead(id: string, at: Date, isTest: boolean): Promise<void> {
    const granularity = MARK_LEAD_GRANULARITY_SECONDS;
    const atUtc = at.toISOString();
    await this.db.$executeRaw`
      UPDATE "CaptureEndpoint" SET
        "lastLeadAt" = CASE WHEN "lastLeadAt" IS NULL OR "lastLeadAt" < ${atUtc}::timestamp THEN ${atUtc}::timestamp ELSE "lastLeadAt" END,
        "verifiedAt" = CASE WHEN ${isTest}::boolean AND ("verifiedAt" IS NULL OR "verifiedAt" < ${atUtc}::timestamp)
                            THEN ${atUtc}::timestamp ELSE "verifiedAt" END
      WHERE "id" = ${id}
        AND ("lastLeadAt" IS NULL OR "lastLeadAt" < ${atUtc}::timestamp - make_interval(secs => ${granularity})
             OR (${isTest}::boolean AND ("verifiedAt" IS NULL OR "verifiedAt" < ${atUtc}::timestamp - make_interval(secs => ${granularity}))))`;
  }

  async recordRejection(input: { tenantId: string; captureEndpointId: string; httpStatus: number; reason: string; body?: string | null }): Promise<void> {
    await this.db.captureRejection.create({
      data: {
        tenantId: input.tenantId,
        captureEndpointId: input.captureEndpointId,
        httpStatus: input.httpStatus,
        reason: input.reason.slice(0, 1000),
        bodyExcerpt: input.body ? input.body.slice(0, REJECTION_EXCERPT_CHARS) : null,
      },
      select: { id: true },
    });
  }

  /** Newest rejections of the tenant's endpoints (revoked ones included), optionally of some endpoints only. */
  recentRejections(tenantId: string, options: { captureEndpointIds?: string[]; take?: number } = {}): Promise<CaptureRejectionDto[]> {
    return this.db.captureRejection.findMany({
      where: { tenantId, ...(options.captureEndpointIds ? { captureEndpointId: { in: options.captureEndpointIds } } : {}) },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: options.take ?? 20,
      select: { id: true, captureEndpointId: true, receivedAt: true, httpStatus: true, reason: true, bodyExcerpt: true },
    });
  }

  /** Every endpoint id of a scope, revoked ones included (their rejections still explain missing leads). */
  async idsForScope(tenantId: string, offerId: string | null): Promise<string[]> {
    const rows = await this.db.captureEndpoint.findMany({ where: { tenantId, offerId }, select: { id: true } });
    return rows.map((r) => r.id);
  }
}

/**
 * The active capture endpoint of a scope (tenant-wide when `offerId` is null), created
 * when there is none. The scope lock keeps two concurrent callers from creating two.
 * The offer must be the tenant's; callers check that.
 */
export async function ensureCaptureEndpoint(
  db: Db,
  tenantId: string,
  offerId: string | null,
): Promise<{ endpoint: CaptureEndpointDto; created: boolean }> {
  return db.$transaction(async (tx) => {
    const endpoints = new CaptureEndpointRepository(tx);
    await endpoints.lockScope(tenantId, offerId);
    const existing = await endpoints.findActiveForScope(tenantId, offerId);
    if (existing) return { endpoint: existing, created: false };
    return { endpoint: await endpoints.create(tenantId, offerId), created: true };
  });
}

/** Revokes the endpoint and creates its replacement for the same scope, atomically. Null if not the tenant's or revoked. */
export async function rotateCaptureEndpoint(
  db: Db,
  tenantId: string,
  endpointId: string,
): Promise<{ revoked: CaptureEndpointDto; endpoint: CaptureEndpointDto } | null> {
  return db.$transaction(async (tx) => {
    const endpoints = new CaptureEndpointRepository(tx);
    const current = await endpoints.findById(tenantId, endpointId);
    if (!current || current.revokedAt) return null;
    await endpoints.lockScope(tenantId, current.offerId);
    if (!(await endpoints.revoke(tenantId, endpointId))) return null;
    const endpoint = await endpoints.create(tenantId, current.offerId);
    return { revoked: { ...current, revokedAt: new Date() }, endpoint };
  });
}
