import type { DbTx } from "../client";

export interface NotificationDto {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  /** Null: addressed to every admin of the tenant. */
  userId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface NotificationInput {
  tenantId: string;
  userId: string | null;
  kind: string;
  title: string;
  body: string;
  link?: string | null;
}

/** One owner's due follow-ups across a tenant, for the daily digest. */
export interface DigestRecipientDto {
  tenantId: string;
  tenantName: string;
  /** Null: unassigned leads (the digest goes to the tenant's admins). */
  ownerId: string | null;
  overdue: number;
  dueToday: number;
  nurtureDue: number;
}

export interface DigestLeadDto {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  company: string | null;
  nextFollowUpAt: Date | null;
  nurtureUntil: Date | null;
}

const select = { id: true, kind: true, title: true, body: true, link: true, userId: true, createdAt: true, readAt: true } as const;

export const FOLLOW_UP_DIGEST_KIND = "followup.digest";

/** In-app notices. A member sees their own; admins and owners also see those for every admin (userId null). */
export class NotificationRepository {
  constructor(private readonly db: DbTx) {}

  create(input: NotificationInput): Promise<NotificationDto> {
    return this.db.notification.create({ data: { ...input, link: input.link ?? null }, select });
  }

  private visible(tenantId: string, userId: string, isAdmin: boolean) {
    return { tenantId, OR: [{ userId }, ...(isAdmin ? [{ userId: null }] : [])] };
  }

  list(tenantId: string, userId: string, isAdmin: boolean, opts: { take: number; unreadOnly?: boolean }): Promise<NotificationDto[]> {
    return this.db.notification.findMany({
      where: { ...this.visible(tenantId, userId, isAdmin), ...(opts.unreadOnly ? { readAt: null } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: opts.take,
      select,
    });
  }

  unreadCount(tenantId: string, userId: string, isAdmin: boolean): Promise<number> {
    return this.db.notification.count({ where: { ...this.visible(tenantId, userId, isAdmin), readAt: null } });
  }

  /** Marks the given notices read when the user may see them; returns how many changed. */
  async markRead(tenantId: string, userId: string, isAdmin: boolean, ids: readonly string[] | "all", at: Date): Promise<number> {
    const result = await this.db.notification.updateMany({
      where: { ...this.visible(tenantId, userId, isAdmin), readAt: null, ...(ids === "all" ? {} : { id: { in: [...ids] } }) },
      data: { readAt: at },
    });
    return result.count;
  }

  /** Whether today's digest was already written (the scheduler may run a task twice). */
  async hasSince(tenantId: string, userId: string | null, kind: string, since: Date): Promise<boolean> {
    return (await this.db.notification.count({ where: { tenantId, userId, kind, createdAt: { gte: since } } })) > 0;
  }

  /**
   * Every (active tenant, owner) with follow-ups due before `endOfDay`: overdue, due
   * today, or back from nurture. Open stages only; no test or do-not-contact leads;
   * owners who left the tenant count as unassigned.
   */
  digestRecipients(now: Date, endOfDay: Date): Promise<DigestRecipientDto[]> {
    return this.db.$queryRaw<DigestRecipientDto[]>`
      SELECT l."tenantId", t."name" AS "tenantName", m."userId" AS "ownerId",
             count(*) FILTER (WHERE l."nextFollowUpAt" < ${now})::int AS "overdue",
             count(*) FILTER (WHERE l."nextFollowUpAt" >= ${now} AND l."nextFollowUpAt" < ${endOfDay})::int AS "dueToday",
             count(*) FILTER (WHERE l."nurtureUntil" < ${endOfDay})::int AS "nurtureDue"
        FROM "Lead" l
        JOIN "Tenant" t ON t."id" = l."tenantId" AND t."status" = 'ACTIVE'
        LEFT JOIN "PipelineStage" s ON s."id" = l."stageId"
        LEFT JOIN "Membership" m ON m."tenantId" = l."tenantId" AND m."userId" = l."ownerId"
       WHERE NOT l."isTest" AND l."funnelStage" <> 'DO_NOT_CONTACT'
         AND (s."id" IS NULL OR s."kind" = 'OPEN')
         AND (l."nextFollowUpAt" < ${endOfDay} OR l."nurtureUntil" < ${endOfDay})
       GROUP BY l."tenantId", t."name", m."userId"
       ORDER BY l."tenantId", m."userId" NULLS LAST`;
  }

  /** The most urgent of one owner's due leads (null: unassigned ones). */
  async digestLeads(tenantId: string, ownerId: string | null, endOfDay: Date, take: number): Promise<DigestLeadDto[]> {
    return this.db.$queryRaw<DigestLeadDto[]>`
      SELECT l."id", l."firstName", l."lastName", l."email", l."company", l."nextFollowUpAt", l."nurtureUntil"
        FROM "Lead" l
        LEFT JOIN "PipelineStage" s ON s."id" = l."stageId"
        LEFT JOIN "Membership" m ON m."tenantId" = l."tenantId" AND m."userId" = l."ownerId"
       WHERE l."tenantId" = ${tenantId} AND NOT l."isTest" AND l."funnelStage" <> 'DO_NOT_CONTACT'
         AND (s."id" IS NULL OR s."kind" = 'OPEN')
         AND m."userId" IS NOT DISTINCT FROM ${ownerId}::text
         AND (l."nextFollowUpAt" < ${endOfDay} OR l."nurtureUntil" < ${endOfDay})
       ORDER BY LEAST(l."nextFollowUpAt", l."nurtureUntil") ASC, l."id"
       LIMIT ${take}`;
  }

  /** Owners and admins, with e-mail and language, who receive notices for every admin. */
  admins(tenantId: string): Promise<{ userId: string; email: string; locale: string }[]> {
    return this.db.membership
      .findMany({ where: { tenantId, role: { in: ["OWNER", "ADMIN"] } }, select: { user: { select: { id: true, email: true, locale: true } } } })
      .then((rows) => rows.map((r) => ({ userId: r.user.id, email: r.user.email, locale: r.user.locale })));
  }

  recipient(userId: string): Promise<{ email: string; locale: string } | null> {
    return this.db.user.findUnique({ where: { id: userId }, select: { email: true, locale: true } });
  }
}
