import type { DbTx } from "../client";
import type { Prisma } from "../generated/prisma/client";
import type { DeliveryStatus, DestinationKind, DestinationState, TenantStatus } from "../generated/prisma/enums";
import { MembershipRepository, type MemberDto } from "./membership.repository";

/**
 * Cross-tenant reads for the platform admin console. Nothing here selects a
 * destination's config or secrets, a capture token or an API token hash: staff
 * see health and counts, never what a tenant keeps secret.
 */

export interface AdminTenantListItemDto {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  createdAt: Date;
  suspendedAt: Date | null;
  memberCount: number;
  /** Real (non-test) leads received in the last 30 days. */
  leadsLast30Days: number;
  destinationCount: number;
  /** Destinations FAILING or PAUSED. */
  unhealthyDestinationCount: number;
  /** Feedback still NEW or IN_REVIEW. */
  openFeedbackCount: number;
}

export interface AdminDestinationDto {
  id: string;
  name: string;
  kind: DestinationKind;
  state: DestinationState;
  offer: { id: string; title: string } | null;
  consecutiveFailures: number;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  lastFailureReason: string | null;
  pausedAt: Date | null;
  /** Deliveries waiting (HELD) and given up (FAILED) for this destination. */
  heldCount: number;
  failedCount: number;
}

export interface AdminFailingDeliveryDto {
  id: string;
  leadId: string;
  status: DeliveryStatus;
  attemptCount: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  destination: { id: string; name: string; kind: DestinationKind };
}

export interface AdminTenantDetailDto {
  tenant: {
    id: string;
    slug: string;
    name: string;
    status: TenantStatus;
    createdAt: Date;
    suspendedAt: Date | null;
    /** Plan limits; null = the platform default. */
    captureRateLimitPerMinute: number | null;
    apiRateLimitPerMinute: number | null;
  };
  members: MemberDto[];
  destinations: AdminDestinationDto[];
  /** The most recent FAILED or RETRYING deliveries: why this tenant's leads fail. */
  failingDeliveries: AdminFailingDeliveryDto[];
  captureEndpoints: { active: number; verified: number; revoked: number; lastLeadAt: Date | null };
  leads: { total: number; last30Days: number; lastReceivedAt: Date | null };
  offerCount: number;
  activeApiTokenCount: number;
  openFeedbackCount: number;
}

export interface UnhealthyDestinationDto extends AdminDestinationDto {
  tenant: { id: string; name: string; slug: string; status: TenantStatus };
  /** When it stopped working: paused at, else the first failed attempt since the last success. */
  since: Date | null;
}

export interface JobQueueStatsDto {
  /** Every job in graphile-worker's queue. */
  depth: number;
  /** Due now and waiting for a worker. */
  dueNow: number;
  /** Locked by a worker right now. */
  running: number;
  /** Scheduled for later (retries with back-off, delayed jobs). */
  scheduled: number;
  /** Out of attempts: graphile-worker keeps them until removed. */
  permanentlyFailed: number;
  /** When the oldest due job should have run; null when none is due. */
  oldestDueAt: Date | null;
  /** Its age in seconds, measured by the database clock. */
  oldestDueAgeSeconds: number | null;
  byTask: { task: string; count: number }[];
}

export interface DeliveryHealthDto {
  destinations: UnhealthyDestinationDto[];
  queue: JobQueueStatsDto;
  deliveries: { held: number; retrying: number; failedLast24Hours: number };
}

export interface AdminAuditEventDto {
  id: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** A readable name for the target (a user's e-mail, a tenant's name) when known. */
  targetLabel: string | null;
  data: unknown;
  createdAt: Date;
  tenant: { id: string; name: string; slug: string } | null;
  actor: { id: string; email: string; name: string | null; isPlatformAdmin: boolean } | null;
}

export interface AdminAuditPage {
  items: AdminAuditEventDto[];
  nextCursor: string | null;
}

export class InvalidAuditCursorError extends Error {
  constructor() {
    super("The audit log page cursor is not valid.");
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** `%`, `_` and `\` match literally in the ILIKE search. */
const likePattern = (search: string) => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const adminDestinationSelect = {
  id: true,
  name: true,
  kind: true,
  state: true,
  offer: { select: { id: true, title: true } },
  consecutiveFailures: true,
  lastSuccessAt: true,
  lastFailureAt: true,
  lastFailureReason: true,
  pausedAt: true,
} as const satisfies Prisma.DestinationSelect;

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return `${row.createdAt.getTime()}_${row.id}`;
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const match = /^(\d{1,15})_([A-Za-z0-9]{1,64})$/.exec(cursor);
  if (!match) throw new InvalidAuditCursorError();
  return { createdAt: new Date(Number(match[1])), id: match[2]! };
}

export class AdminRepository {
  constructor(private readonly db: DbTx) {}

  /** Tenants with their activity and health, computed in one statement (no query per tenant). */
  async listTenants(options: { search?: string; limit?: number; now?: Date } = {}): Promise<AdminTenantListItemDto[]> {
    const search = options.search?.trim() || null;
    const pattern = search ? likePattern(search) : null;
    // Timestamps are stored as UTC without a zone; compare against a UTC cut-off.
    const since = new Date((options.now ?? new Date()).getTime() - 30 * DAY_MS).toISOString();
    const rows = await this.db.$queryRaw<(Omit<AdminTenantListItemDto, "status"> & { status: string })[]>`
      SELECT t.id, t.slug, t.name, t.status::text AS status, t."createdAt", t."suspendedAt",
        (SELECT count(*)::int FROM "Membership" m WHERE m."tenantId" = t.id) AS "memberCount",
        (SELECT count(*)::int FROM "Lead" l
           WHERE l."tenantId" = t.id AND l."isTest" = false
             AND l."lastReceivedAt" >= (${since}::timestamptz AT TIME ZONE 'UTC')) AS "leadsLast30Days",
        (SELECT count(*)::int FROM "Destination" d WHERE d."tenantId" = t.id) AS "destinationCount",
        (SELECT count(*)::int FROM "Destination" d
           WHERE d."tenantId" = t.id AND d.state IN ('FAILING', 'PAUSED')) AS "unhealthyDestinationCount",
        (SELECT count(*)::int FROM "Feedback" f
           WHERE f."tenantId" = t.id AND f.status IN ('NEW', 'IN_REVIEW')) AS "openFeedbackCount"
      FROM "Tenant" t
      WHERE ${pattern}::text IS NULL OR t.name ILIKE ${pattern} ESCAPE '\\' OR t.slug ILIKE ${pattern} ESCAPE '\\'
      ORDER BY t."createdAt" DESC, t.id DESC
      LIMIT ${options.limit ?? 200}`;
    return rows.map((row) => ({ ...row, status: row.status as TenantStatus }));
  }

  async tenantDetail(tenantId: string, now = new Date()): Promise<AdminTenantDetailDto | null> {
    const tenant = await this.db.tenant.findUnique({
      where: { id: tenantId },
      select: { id: true, slug: true, name: true, status: true, createdAt: true, suspendedAt: true, captureRateLimitPerMinute: true, apiRateLimitPerMinute: true },
    });
    if (!tenant) return null;
    const since = new Date(now.getTime() - 30 * DAY_MS);
    const [members, destinations, deliveryCounts, failingDeliveries, endpoints, lastLead, leadTotal, leads30, offerCount, activeApiTokenCount, openFeedbackCount] =
      await Promise.all([
        new MembershipRepository(this.db).list(tenantId),
        this.db.destination.findMany({
          where: { tenantId },
          orderBy: [{ offerId: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }, { id: "asc" }],
          select: adminDestinationSelect,
        }),
        this.db.delivery.groupBy({
          by: ["destinationId", "status"],
          where: { tenantId, status: { in: ["HELD", "FAILED"] } },
          _count: { _all: true },
        }),
        this.db.delivery.findMany({
          where: { tenantId, status: { in: ["FAILED", "RETRYING"] } },
          orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
          take: 20,
          select: {
            id: true,
            leadId: true,
            status: true,
            attemptCount: true,
            lastError: true,
            nextAttemptAt: true,
            createdAt: true,
            updatedAt: true,
            destination: { select: { id: true, name: true, kind: true } },
          },
        }),
        this.db.captureEndpoint.groupBy({
          by: ["revokedAt"],
          where: { tenantId },
          _count: { _all: true, verifiedAt: true },
          _max: { lastLeadAt: true },
        }),
        this.db.lead.findFirst({ where: { tenantId, isTest: false }, orderBy: { lastReceivedAt: "desc" }, select: { lastReceivedAt: true } }),
        this.db.lead.count({ where: { tenantId, isTest: false } }),
        this.db.lead.count({ where: { tenantId, isTest: false, lastReceivedAt: { gte: since } } }),
        this.db.offer.count({ where: { tenantId } }),
        this.db.apiToken.count({ where: { tenantId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } }),
        this.db.feedback.count({ where: { tenantId, status: { in: ["NEW", "IN_REVIEW"] } } }),
      ]);
    const counts = countsByDestination(deliveryCounts);
    const captureEndpoints = { active: 0, verified: 0, revoked: 0, lastLeadAt: null as Date | null };
    for (const group of endpoints) {
      if (group.revokedAt) captureEndpoints.revoked += group._count._all;
      else {
        captureEndpoints.active += group._count._all;
        captureEndpoints.verified += group._count.verifiedAt;
      }
      const last = group._max.lastLeadAt;
      if (last && (!captureEndpoints.lastLeadAt || last > captureEndpoints.lastLeadAt)) captureEndpoints.lastLeadAt = last;
    }
    return {
      tenant,
      members,
      destinations: destinations.map((d) => ({ ...d, ...(counts.get(d.id) ?? { heldCount: 0, failedCount: 0 }) })),
      failingDeliveries,
      captureEndpoints,
      leads: { total: leadTotal, last30Days: leads30, lastReceivedAt: lastLead?.lastReceivedAt ?? null },
      offerCount,
      activeApiTokenCount,
      openFeedbackCount,
    };
  }

  /** Destinations FAILING or PAUSED across tenants, the job queue, and delivery backlogs. */
  async deliveryHealth(now = new Date()): Promise<DeliveryHealthDto> {
    const [destinations, queue, byTask, deliveryGroups, failedLast24Hours] = await Promise.all([
      this.db.destination.findMany({
        where: { state: { in: ["FAILING", "PAUSED"] } },
        orderBy: [{ state: "desc" }, { lastFailureAt: { sort: "desc", nulls: "last" } }, { id: "asc" }],
        take: 500,
        select: { ...adminDestinationSelect, tenant: { select: { id: true, name: true, slug: true, status: true } } },
      }),
      this.db.$queryRaw<Omit<JobQueueStatsDto, "byTask">[]>`
        SELECT count(*)::int AS depth,
          count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at <= now())::int AS "dueNow",
          count(*) FILTER (WHERE locked_at IS NOT NULL)::int AS running,
          count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at > now())::int AS scheduled,
          count(*) FILTER (WHERE attempts >= max_attempts)::int AS "permanentlyFailed",
          min(run_at) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at <= now()) AS "oldestDueAt",
          floor(extract(epoch FROM now() - min(run_at) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at <= now())))::int
            AS "oldestDueAgeSeconds"
        FROM graphile_worker.jobs`,
      this.db.$queryRaw<{ task: string; count: number }[]>`
        SELECT task_identifier AS task, count(*)::int AS count FROM graphile_worker.jobs GROUP BY task_identifier ORDER BY count DESC, task`,
      this.db.delivery.groupBy({
        by: ["destinationId", "status"],
        where: { status: { in: ["HELD", "FAILED", "RETRYING"] } },
        _count: { _all: true },
      }),
      this.db.delivery.count({ where: { status: "FAILED", updatedAt: { gte: new Date(now.getTime() - DAY_MS) } } }),
    ]);
    const counts = countsByDestination(deliveryGroups);
    const since = await this.failingSince(destinations.filter((d) => d.state === "FAILING"));
    let held = 0;
    let retrying = 0;
    for (const group of deliveryGroups) {
      if (group.status === "HELD") held += group._count._all;
      if (group.status === "RETRYING") retrying += group._count._all;
    }
    return {
      destinations: destinations.map((d) => ({
        ...d,
        ...(counts.get(d.id) ?? { heldCount: 0, failedCount: 0 }),
        since: d.state === "PAUSED" ? (d.pausedAt ?? d.lastFailureAt) : (since.get(d.id) ?? d.lastFailureAt),
      })),
      queue: { ...queue[0]!, byTask },
      deliveries: { held, retrying, failedLast24Hours },
    };
  }

  /** For each failing destination, its first unsuccessful attempt after its last success (one query). */
  private async failingSince(destinations: { id: string; lastSuccessAt: Date | null }[]): Promise<Map<string, Date>> {
    if (destinations.length === 0) return new Map();
    const rows = await this.db.$queryRaw<{ destinationId: string; since: Date }[]>`
      SELECT d.id AS "destinationId", min(a."startedAt") AS since
      FROM "Destination" d
      JOIN "Delivery" dl ON dl."destinationId" = d.id
      JOIN "DeliveryAttempt" a ON a."deliveryId" = dl.id
      WHERE d.id = ANY(${destinations.map((d) => d.id)}::text[])
        AND a.outcome NOT IN ('delivered', 'accepted', 'in_progress')
        AND (d."lastSuccessAt" IS NULL OR a."startedAt" > d."lastSuccessAt")
      GROUP BY d.id`;
    return new Map(rows.map((r) => [r.destinationId, r.since]));
  }

  /** Every tenant's audit events, newest first, keyset paged; throws InvalidAuditCursorError. */
  async auditLog(filter: { tenantId?: string; action?: string }, page: { cursor?: string | null; limit: number }): Promise<AdminAuditPage> {
    const after = page.cursor ? decodeCursor(page.cursor) : null;
    const rows = await this.db.auditEvent.findMany({
      where: {
        ...(filter.tenantId ? { tenantId: filter.tenantId } : {}),
        ...(filter.action ? { action: filter.action } : {}),
        ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: page.limit + 1,
      select: {
        id: true,
        action: true,
        targetType: true,
        targetId: true,
        data: true,
        createdAt: true,
        actorId: true,
        tenant: { select: { id: true, name: true, slug: true } },
      },
    });
    const pageRows = rows.slice(0, page.limit);
    const userIds = new Set<string>();
    const tenantIds = new Set<string>();
    for (const row of pageRows) {
      if (row.actorId) userIds.add(row.actorId);
      if (row.targetType === "user" && row.targetId) userIds.add(row.targetId);
      if (row.targetType === "tenant" && row.targetId) tenantIds.add(row.targetId);
    }
    const [users, tenants] = await Promise.all([
      userIds.size ? this.db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, email: true, name: true, isPlatformAdmin: true } }) : [],
      tenantIds.size ? this.db.tenant.findMany({ where: { id: { in: [...tenantIds] } }, select: { id: true, name: true } }) : [],
    ]);
    const usersById = new Map(users.map((u) => [u.id, u]));
    const tenantNames = new Map(tenants.map((t) => [t.id, t.name]));
    const items = pageRows.map(({ actorId, ...row }) => ({
      ...row,
      targetLabel:
        row.targetType === "user" && row.targetId
          ? (usersById.get(row.targetId)?.email ?? null)
          : row.targetType === "tenant" && row.targetId
            ? (tenantNames.get(row.targetId) ?? null)
            : null,
      actor: actorId ? (usersById.get(actorId) ?? null) : null,
    }));
    return { items, nextCursor: rows.length > page.limit ? encodeCursor(pageRows[pageRows.length - 1]!) : null };
  }

  /** The actions recorded so far, for the audit log's filter. */
  async auditActions(): Promise<string[]> {
    const groups = await this.db.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } });
    return groups.map((g) => g.action);
  }

  /** The tenant's id, name and status, or null. */
  findTenant(tenantId: string): Promise<{ id: string; name: string; status: TenantStatus } | null> {
    return this.db.tenant.findUnique({ where: { id: tenantId }, select: { id: true, name: true, status: true } });
  }
}

function countsByDestination(groups: { destinationId: string; status: DeliveryStatus; _count: { _all: number } }[]) {
  const counts = new Map<string, { heldCount: number; failedCount: number }>();
  for (const group of groups) {
    const entry = counts.get(group.destinationId) ?? { heldCount: 0, failedCount: 0 };
    if (group.status === "HELD") entry.heldCount += group._count._all;
    if (group.status === "FAILED") entry.failedCount += group._count._all;
    counts.set(group.destinationId, entry);
  }
  return counts;
}
