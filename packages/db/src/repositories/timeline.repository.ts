import type { DbTx } from "../client";
import type { Prisma } from "../generated/prisma/client";

/**
 * What happened to a lead: kinds written by follow-up work. `data` holds the change
 * (from/to) so the timeline can say it without joining anything that may have changed.
 */
export type TimelineKind =
  | "stage.changed"
  | "owner.changed"
  | "activity.logged"
  | "followup.scheduled"
  | "qualification.checked"
  | "qualification.unchecked"
  | "lead.qualified"
  | "lead.unqualified"
  | "nurture.started"
  | (string & {});

export interface TimelineEventInput {
  tenantId: string;
  leadId: string;
  /** Null: the system (capture, assignment rules, the scheduler). */
  actorId: string | null;
  kind: TimelineKind;
  data?: Prisma.InputJsonValue;
  /** Defaults to now; events of one change share it so they read as one moment. */
  at?: Date;
}

export interface TimelineEventDto {
  id: string;
  kind: string;
  data: unknown;
  createdAt: Date;
  actor: { id: string; name: string | null; email: string } | null;
}

export interface TimelinePage {
  items: TimelineEventDto[];
  nextCursor: string | null;
}

/** The lead's timeline. Write it in the same transaction as the change it records. */
export class TimelineRepository {
  constructor(private readonly db: DbTx) {}

  async record(event: TimelineEventInput): Promise<void> {
    await this.recordMany([event]);
  }

  async recordMany(events: readonly TimelineEventInput[]): Promise<void> {
    if (events.length === 0) return;
    await this.db.timelineEvent.createMany({
      data: events.map((e) => ({
        tenantId: e.tenantId,
        leadId: e.leadId,
        actorId: e.actorId,
        kind: e.kind,
        ...(e.data !== undefined ? { data: e.data } : {}),
        ...(e.at ? { createdAt: e.at } : {}),
      })),
    });
  }

  /** Newest first; `cursor` is the id of the last event of the previous page. */
  async list(tenantId: string, leadId: string, opts: { cursor?: string | null; take: number }): Promise<TimelinePage> {
    const rows = await this.db.timelineEvent.findMany({
      where: { tenantId, leadId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: opts.take + 1,
      ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
      select: { id: true, kind: true, data: true, createdAt: true, actorId: true },
    });
    const page = rows.slice(0, opts.take);
    const actorIds = [...new Set(page.map((r) => r.actorId).filter((id): id is string => !!id))];
    const actors = actorIds.length
      ? await this.db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } })
      : [];
    const byId = new Map(actors.map((a) => [a.id, a]));
    return {
      items: page.map(({ actorId, ...r }) => ({ ...r, actor: actorId ? (byId.get(actorId) ?? null) : null })),
      nextCursor: rows.length > opts.take ? (page[page.length - 1]?.id ?? null) : null,
    };
  }

  async cursorBelongs(tenantId: string, leadId: string, cursor: string): Promise<boolean> {
    return (await this.db.timelineEvent.count({ where: { id: cursor, tenantId, leadId } })) === 1;
  }
}
