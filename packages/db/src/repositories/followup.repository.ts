import { FIRST_CONTACT_TARGET_HOURS, FOLLOW_UP_RANGE, SILENT_AFTER_DAYS, DAY_MS } from "@leadrelay/leads";
import type { DbTx } from "../client";
import type { Prisma } from "../generated/prisma/client";
import type { ActivityType, FunnelStage } from "../generated/prisma/enums";

// ---------------------------------------------------------------- DTOs

/** A lead as the follow-up screens show it: who, which offer, and where its follow-up stands. */
export interface FollowUpLeadDto {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  title: string | null;
  offerId: string | null;
  offerTitle: string | null;
  source: string | null;
  action: string | null;
  funnelStage: FunnelStage;
  isTest: boolean;
  isPrivacyRedacted: boolean;
  stageId: string | null;
  ownerId: string | null;
  followUpCount: number;
  firstReceivedAt: Date;
  firstContactedAt: Date | null;
  lastContactedAt: Date | null;
  nextFollowUpAt: Date | null;
  nurtureUntil: Date | null;
  nurtureCadenceDays: number | null;
  qualifiedAt: Date | null;
}

export interface ActivityDto {
  id: string;
  type: ActivityType;
  outcome: string | null;
  notes: string | null;
  occurredAt: Date;
  actorId: string | null;
  createdAt: Date;
}

export interface FollowUpLeadPatch {
  stageId?: string | null;
  ownerId?: string | null;
  nextFollowUpAt?: Date | null;
  nurtureUntil?: Date | null;
  nurtureCadenceDays?: number | null;
  firstContactedAt?: Date;
  lastContactedAt?: Date;
  qualifiedAt?: Date | null;
  incrementFollowUps?: boolean;
}

/** `me` and `unassigned` are resolved by the caller into `{ ownerId }`. */
export type OwnerFilter = { ownerId: string | null } | "any";

export type FollowUpListFlag = "overdue" | "due" | "silent" | "uncontacted" | "belowRange" | "withinRange" | "aboveRange" | "nurture" | "qualified";

export interface FollowUpListFilter {
  owner: OwnerFilter;
  /** A stage id; the entry stage also matches leads with no stage yet. */
  stageId?: string;
  offerId?: string;
  /** Lower-cased search in name, e-mail and company. */
  q?: string;
  flag?: FollowUpListFlag;
}

/** What the list and board need to know about the tenant's stages to filter. */
export interface StageScope {
  entryStageId: string;
  /** Open, non-nurture stages. */
  activeStageIds: string[];
  nurtureStageId: string | null;
}

export interface FollowUpPageRequest {
  cursor?: string | null;
  limit: number;
}

export interface FollowUpPage {
  items: FollowUpLeadDto[];
  nextCursor: string | null;
}

export interface DueLists {
  overdue: FollowUpLeadDto[];
  today: FollowUpLeadDto[];
  nurtureDue: FollowUpLeadDto[];
}

export interface BoardColumn {
  stageId: string;
  total: number;
  leads: FollowUpLeadDto[];
}

const leadSelect = {
  id: true,
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  company: true,
  title: true,
  offerId: true,
  offerTitle: true,
  source: true,
  action: true,
  funnelStage: true,
  isTest: true,
  isPrivacyRedacted: true,
  stageId: true,
  ownerId: true,
  followUpCount: true,
  firstReceivedAt: true,
  firstContactedAt: true,
  lastContactedAt: true,
  nextFollowUpAt: true,
  nurtureUntil: true,
  nurtureCadenceDays: true,
  qualifiedAt: true,
} as const satisfies Prisma.LeadSelect;

const activitySelect = {
  id: true,
  type: true,
  outcome: true,
  notes: true,
  occurredAt: true,
  actorId: true,
  createdAt: true,
} as const satisfies Prisma.FollowUpActivitySelect;

/** Follow-up lists show real leads only: Microsoft's test leads are never worked. */
const REAL = { isTest: false } as const;
const CONTACTABLE = { funnelStage: { not: "DO_NOT_CONTACT" } } as const satisfies Prisma.LeadWhereInput;

function inStage(scope: StageScope, stageId: string): Prisma.LeadWhereInput {
  return stageId === scope.entryStageId ? { OR: [{ stageId }, { stageId: null }] } : { stageId };
}

/** Leads being worked: in an open stage (or none yet), nurture included. */
function openWhere(scope: StageScope): Prisma.LeadWhereInput {
  const open = [...scope.activeStageIds, ...(scope.nurtureStageId ? [scope.nurtureStageId] : [])];
  return { OR: [{ stageId: null }, { stageId: { in: open } }] };
}

function activeWhere(scope: StageScope): Prisma.LeadWhereInput {
  return { OR: [{ stageId: null }, { stageId: { in: scope.activeStageIds } }] };
}

/** The SQL twin of the pure flags in @leadrelay/leads (status.ts), for filtering lists. */
function flagWhere(flag: FollowUpListFlag, scope: StageScope, now: Date, endOfToday: Date): Prisma.LeadWhereInput {
  switch (flag) {
    case "overdue":
      return { AND: [openWhere(scope), CONTACTABLE, { nextFollowUpAt: { lt: now } }] };
    case "due":
      return { AND: [openWhere(scope), CONTACTABLE, { OR: [{ nextFollowUpAt: { lt: endOfToday } }, { nurtureUntil: { lt: endOfToday } }] }] };
    case "silent":
      return {
        AND: [
          activeWhere(scope),
          CONTACTABLE,
          { lastContactedAt: { lte: new Date(now.getTime() - SILENT_AFTER_DAYS * DAY_MS) }, nextFollowUpAt: null, nurtureUntil: null },
        ],
      };
    case "uncontacted":
      return {
        AND: [openWhere(scope), CONTACTABLE, { firstContactedAt: null, firstReceivedAt: { lt: new Date(now.getTime() - FIRST_CONTACT_TARGET_HOURS * 3_600_000) } }],
      };
    case "belowRange":
      return { AND: [openWhere(scope), { followUpCount: { gt: 0, lt: FOLLOW_UP_RANGE.min } }] };
    case "withinRange":
      return { followUpCount: { gte: FOLLOW_UP_RANGE.min, lte: FOLLOW_UP_RANGE.max } };
    case "aboveRange":
      return { followUpCount: { gt: FOLLOW_UP_RANGE.max } };
    case "nurture":
      return { nurtureUntil: { not: null } };
    case "qualified":
      return { qualifiedAt: { not: null } };
  }
}

function foldStageCounts(rows: { stageId: string | null; _count: { _all: number } }[], stageIds: readonly string[], entryStageId: string): Map<string, number> {
  const totals = new Map<string, number>();
  const known = new Set(stageIds);
  for (const row of rows) {
    // No stage yet, or a stage that no longer exists: the entry stage.
    const id = row.stageId && known.has(row.stageId) ? row.stageId : entryStageId;
    totals.set(id, (totals.get(id) ?? 0) + row._count._all);
  }
  return totals;
}

interface Cursor {
  id: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(value: string): Cursor | null {
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as unknown;
    return typeof parsed === "object" && parsed !== null && typeof (parsed as Cursor).id === "string" ? (parsed as Cursor) : null;
  } catch {
    return null;
  }
}

/** Follow-up work on leads: their stage, owner, schedule, activities and qualification checks. */
export class FollowUpRepository {
  constructor(private readonly db: DbTx) {}

  /**
   * The lead, when it belongs to the tenant. `lock` holds its row until the transaction
   * ends, so two people logging at once both count and neither overwrites the other's
   * first/last contact.
   */
  async findLead(tenantId: string, leadId: string, opts: { lock?: boolean } = {}): Promise<FollowUpLeadDto | null> {
    if (opts.lock) {
      const locked = await this.db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Lead" WHERE "id" = ${leadId} AND "tenantId" = ${tenantId} FOR UPDATE`;
      if (locked.length === 0) return null;
    }
    return this.db.lead.findFirst({ where: { id: leadId, tenantId }, select: leadSelect });
  }

  async updateLead(tenantId: string, leadId: string, patch: FollowUpLeadPatch): Promise<FollowUpLeadDto> {
    const { incrementFollowUps, ...columns } = patch;
    await this.db.lead.updateMany({
      where: { id: leadId, tenantId },
      data: { ...columns, ...(incrementFollowUps ? { followUpCount: { increment: 1 } } : {}) },
    });
    return this.db.lead.findFirstOrThrow({ where: { id: leadId, tenantId }, select: leadSelect });
  }

  addActivity(input: { tenantId: string; leadId: string; type: ActivityType; outcome: string | null; notes: string | null; occurredAt: Date; actorId: string | null }): Promise<ActivityDto> {
    return this.db.followUpActivity.create({ data: input, select: activitySelect });
  }

  listActivities(tenantId: string, leadId: string, take = 50): Promise<ActivityDto[]> {
    return this.db.followUpActivity.findMany({
      where: { tenantId, leadId },
      orderBy: [{ occurredAt: "desc" }, { createdAt: "desc" }],
      take,
      select: activitySelect,
    });
  }

  /**
   * Moves every lead of one stage (the entry stage includes leads with no stage) to
   * another with the same column changes; returns the ids moved, for the timeline.
   */
  async moveStageLeads(tenantId: string, fromStageId: string, scope: StageScope, patch: Omit<FollowUpLeadPatch, "incrementFollowUps" | "stageId" | "ownerId"> & { stageId: string }): Promise<string[]> {
    const where: Prisma.LeadWhereInput = { AND: [{ tenantId }, inStage(scope, fromStageId)] };
    const ids = (await this.db.lead.findMany({ where, select: { id: true } })).map((r) => r.id);
    if (ids.length === 0) return [];
    const { nurtureUntil, ...rest } = patch;
    await this.db.lead.updateMany({ where: { tenantId, id: { in: ids } }, data: rest });
    // A nurture cadence starts for leads not already nurtured; others keep their next touch.
    if (nurtureUntil !== undefined) {
      await this.db.lead.updateMany({ where: { tenantId, id: { in: ids }, ...(nurtureUntil ? { nurtureUntil: null } : {}) }, data: { nurtureUntil } });
    }
    return ids;
  }

  /** Leads per stage (real leads only; no stage counts as the entry stage). */
  async stageCounts(tenantId: string, stageIds: readonly string[], scope: StageScope): Promise<Map<string, number>> {
    const counts = await this.db.lead.groupBy({ by: ["stageId"], where: { tenantId, ...REAL }, _count: { _all: true } });
    return foldStageCounts(counts, stageIds, scope.entryStageId);
  }

  // ---------------------------------------------------------------- qualification

  async checkedCriterionIds(leadId: string): Promise<Map<string, { checkedById: string | null; checkedAt: Date }>> {
    const rows = await this.db.leadQualification.findMany({ where: { leadId }, select: { criterionId: true, checkedById: true, checkedAt: true } });
    return new Map(rows.map((r) => [r.criterionId, { checkedById: r.checkedById, checkedAt: r.checkedAt }]));
  }

  /** Returns false when it was already in that state (nothing to record). */
  async setCheck(leadId: string, criterionId: string, checked: boolean, userId: string | null): Promise<boolean> {
    if (checked) {
      const created = await this.db.leadQualification.createMany({ data: [{ leadId, criterionId, checkedById: userId }], skipDuplicates: true });
      return created.count > 0;
    }
    const removed = await this.db.leadQualification.deleteMany({ where: { leadId, criterionId } });
    return removed.count > 0;
  }

  // ---------------------------------------------------------------- lists

  /**
   * Today's work: overdue follow-ups (oldest first), the rest of today's, and nurtured
   * leads whose touch is due. Open stages only, no test or do-not-contact leads.
   */
  async dueLists(tenantId: string, owner: OwnerFilter, scope: StageScope, now: Date, endOfToday: Date, limit: number): Promise<DueLists> {
    const base: Prisma.LeadWhereInput[] = [{ tenantId, ...REAL, ...CONTACTABLE }, openWhere(scope), ...(owner === "any" ? [] : [{ ownerId: owner.ownerId }])];
    const [overdue, today, nurtureDue] = await Promise.all([
      this.db.lead.findMany({ where: { AND: [...base, { nextFollowUpAt: { lt: now } }] }, orderBy: [{ nextFollowUpAt: "asc" }, { id: "asc" }], take: limit, select: leadSelect }),
      this.db.lead.findMany({
        where: { AND: [...base, { nextFollowUpAt: { gte: now, lt: endOfToday } }] },
        orderBy: [{ nextFollowUpAt: "asc" }, { id: "asc" }],
        take: limit,
        select: leadSelect,
      }),
      this.db.lead.findMany({ where: { AND: [...base, { nurtureUntil: { lt: endOfToday } }] }, orderBy: [{ nurtureUntil: "asc" }, { id: "asc" }], take: limit, select: leadSelect }),
    ]);
    return { overdue, today, nurtureDue };
  }

  /** Due and overdue counts per owner (null: unassigned), for the team view's headers. */
  async dueCountsByOwner(tenantId: string, scope: StageScope, now: Date, endOfToday: Date): Promise<{ ownerId: string | null; overdue: number; today: number; nurtureDue: number }[]> {
    const open = [...scope.activeStageIds, ...(scope.nurtureStageId ? [scope.nurtureStageId] : [])];
    const rows = await this.db.$queryRaw<{ ownerId: string | null; overdue: number; today: number; nurtureDue: number }[]>`
      SELECT "ownerId",
             count(*) FILTER (WHERE "nextFollowUpAt" < ${now})::int AS "overdue",
             count(*) FILTER (WHERE "nextFollowUpAt" >= ${now} AND "nextFollowUpAt" < ${endOfToday})::int AS "today",
             count(*) FILTER (WHERE "nurtureUntil" < ${endOfToday})::int AS "nurtureDue"
        FROM "Lead"
       WHERE "tenantId" = ${tenantId} AND NOT "isTest" AND "funnelStage" <> 'DO_NOT_CONTACT'
         AND ("stageId" IS NULL OR "stageId" = ANY(${open}::text[]))
         AND ("nextFollowUpAt" < ${endOfToday} OR "nurtureUntil" < ${endOfToday})
       GROUP BY "ownerId"`;
    return rows;
  }

  private listWhere(tenantId: string, filter: FollowUpListFilter, scope: StageScope, now: Date, endOfToday: Date): Prisma.LeadWhereInput {
    const and: Prisma.LeadWhereInput[] = [{ tenantId, ...REAL }];
    if (filter.owner !== "any") and.push({ ownerId: filter.owner.ownerId });
    if (filter.stageId) and.push(inStage(scope, filter.stageId));
    if (filter.offerId) and.push({ offerId: filter.offerId });
    if (filter.q) and.push({ searchText: { contains: filter.q.toLowerCase() } });
    if (filter.flag) and.push(flagWhere(filter.flag, scope, now, endOfToday));
    return { AND: and };
  }

  /** The list view: soonest follow-up first, then the newest leads. */
  async list(tenantId: string, filter: FollowUpListFilter, scope: StageScope, now: Date, endOfToday: Date, page: FollowUpPageRequest): Promise<FollowUpPage> {
    const cursor = page.cursor ? decodeCursor(page.cursor) : null;
    const rows = await this.db.lead.findMany({
      where: this.listWhere(tenantId, filter, scope, now, endOfToday),
      orderBy: [{ nextFollowUpAt: { sort: "asc", nulls: "last" } }, { lastReceivedAt: "desc" }, { id: "asc" }],
      take: page.limit + 1,
      ...(cursor ? { cursor: { id: cursor.id }, skip: 1 } : {}),
      select: leadSelect,
    });
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit && last ? encodeCursor({ id: last.id }) : null };
  }

  /** Whether a cursor names a lead of this tenant (a stale or forged one is refused, not ignored). */
  async cursorIsValid(tenantId: string, cursor: string): Promise<boolean> {
    const decoded = decodeCursor(cursor);
    if (!decoded) return false;
    return (await this.db.lead.count({ where: { id: decoded.id, tenantId } })) === 1;
  }

  /**
   * The board: each stage's newest leads and its total. Newest first walks the
   * (tenantId, stageId, lastReceivedAt) index, so a column of 100,000 leads costs no sort;
   * urgency has its own view (the due lists).
   */
  async board(tenantId: string, stageIds: readonly string[], filter: FollowUpListFilter, scope: StageScope, now: Date, endOfToday: Date, perStage: number): Promise<BoardColumn[]> {
    const where = this.listWhere(tenantId, { ...filter, stageId: undefined }, scope, now, endOfToday);
    const counts = await this.db.lead.groupBy({ by: ["stageId"], where, _count: { _all: true } });
    const totals = foldStageCounts(counts, stageIds, scope.entryStageId);
    return Promise.all(
      stageIds.map(async (stageId) => ({
        stageId,
        total: totals.get(stageId) ?? 0,
        leads: await this.db.lead.findMany({
          where: { AND: [where, inStage(scope, stageId)] },
          orderBy: [{ lastReceivedAt: "desc" }, { id: "asc" }],
          take: perStage,
          select: leadSelect,
        }),
      })),
    );
  }
}
