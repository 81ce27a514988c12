import type { DbTx } from "../client";
import type { Prisma } from "../generated/prisma/client";
import type { FeedbackCategory, FeedbackStatus, TenantStatus } from "../generated/prisma/enums";

export interface FeedbackPersonDto {
  name: string | null;
  email: string;
}

export interface FeedbackReplyDto {
  id: string;
  /** Written by platform staff (the publisher sees "the Leadrelay team"). */
  fromStaff: boolean;
  message: string;
  createdAt: Date;
  /** Null when the author's account is gone (or hidden from publishers for staff replies). */
  author: FeedbackPersonDto | null;
}

export interface FeedbackOfferDto {
  id: string;
  title: string;
  publisherId: string;
  offerId: string;
}

export interface FeedbackDto {
  id: string;
  tenantId: string;
  category: FeedbackCategory;
  status: FeedbackStatus;
  message: string;
  satisfaction: number | null;
  /** Null when no offer was named, or the offer has since been deleted. */
  offer: FeedbackOfferDto | null;
  leadIds: string[];
  author: FeedbackPersonDto | null;
  createdAt: Date;
  updatedAt: Date;
  replies: FeedbackReplyDto[];
}

/** The leads a piece of feedback names, as staff see them when triaging (no contact details). */
export interface FeedbackLeadDto {
  id: string;
  name: string | null;
  company: string | null;
  source: string | null;
  action: string | null;
  lastReceivedAt: Date;
  isTest: boolean;
}

export interface FeedbackInboxItemDto extends FeedbackDto {
  tenant: { id: string; name: string; slug: string; status: TenantStatus };
}

export interface FeedbackInboxDetailDto extends FeedbackInboxItemDto {
  leads: FeedbackLeadDto[];
}

export interface FeedbackInboxFilter {
  status?: FeedbackStatus;
  category?: FeedbackCategory;
  tenantId?: string;
}

export interface FeedbackInboxPage {
  items: FeedbackInboxItemDto[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
  /** How many match the category and tenant filters, per status (for the status tabs). */
  statusCounts: Record<FeedbackStatus, number>;
}

export interface CreateFeedbackInput {
  tenantId: string;
  authorId: string;
  category: FeedbackCategory;
  message: string;
  satisfaction: number | null;
  offerId: string | null;
  leadIds: string[];
}

export class InvalidFeedbackCursorError extends Error {
  constructor() {
    super("The feedback page cursor is not valid.");
  }
}

const replySelect = { id: true, fromStaff: true, message: true, createdAt: true, authorId: true } as const satisfies Prisma.FeedbackReplySelect;

const feedbackSelect = {
  id: true,
  tenantId: true,
  category: true,
  status: true,
  message: true,
  satisfaction: true,
  offerId: true,
  leadIds: true,
  authorId: true,
  createdAt: true,
  updatedAt: true,
  replies: { select: replySelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} as const satisfies Prisma.FeedbackSelect;

const inboxSelect = {
  ...feedbackSelect,
  tenant: { select: { id: true, name: true, slug: true, status: true } },
} as const satisfies Prisma.FeedbackSelect;

type FeedbackRow = Prisma.FeedbackGetPayload<{ select: typeof feedbackSelect }>;

const EMPTY_STATUS_COUNTS: Record<FeedbackStatus, number> = { NEW: 0, IN_REVIEW: 0, ANSWERED: 0, CLOSED: 0 };

/** Keyset cursor over (createdAt desc, id desc): `<ms since epoch>_<id>`. */
function encodeCursor(row: { createdAt: Date; id: string }): string {
  return `${row.createdAt.getTime()}_${row.id}`;
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const match = /^(\d{1,15})_([A-Za-z0-9]{1,64})$/.exec(cursor);
  if (!match) throw new InvalidFeedbackCursorError();
  return { createdAt: new Date(Number(match[1])), id: match[2]! };
}

/**
 * Feedback from publishers and the replies to it. Tenant-facing reads take the
 * tenant id and find nothing of another tenant; the `inbox*` methods are for
 * platform staff and span every tenant.
 */
export class FeedbackRepository {
  constructor(private readonly db: DbTx) {}

  /** Authors, reply authors and offers are not relations in the schema: fetched in one query each. */
  private async hydrate(rows: FeedbackRow[]): Promise<FeedbackDto[]> {
    const userIds = new Set<string>();
    const offerIds = new Set<string>();
    for (const row of rows) {
      if (row.authorId) userIds.add(row.authorId);
      if (row.offerId) offerIds.add(row.offerId);
      for (const reply of row.replies) if (reply.authorId) userIds.add(reply.authorId);
    }
    const [users, offers] = await Promise.all([
      userIds.size ? this.db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true, email: true } }) : [],
      offerIds.size
        ? this.db.offer.findMany({ where: { id: { in: [...offerIds] } }, select: { id: true, tenantId: true, title: true, publisherId: true, offerId: true } })
        : [],
    ]);
    const people = new Map(users.map((u) => [u.id, { name: u.name, email: u.email }]));
    const offersById = new Map(offers.map((o) => [o.id, o]));
    return rows.map((row) => {
      const offer = row.offerId ? offersById.get(row.offerId) : undefined;
      return {
        id: row.id,
        tenantId: row.tenantId,
        category: row.category,
        status: row.status,
        message: row.message,
        satisfaction: row.satisfaction,
        // An offer of another tenant never shows, even if such an id were ever stored.
        offer: offer && offer.tenantId === row.tenantId ? { id: offer.id, title: offer.title, publisherId: offer.publisherId, offerId: offer.offerId } : null,
        leadIds: row.leadIds,
        author: row.authorId ? (people.get(row.authorId) ?? null) : null,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        replies: row.replies.map((reply) => ({
          id: reply.id,
          fromStaff: reply.fromStaff,
          message: reply.message,
          createdAt: reply.createdAt,
          author: reply.authorId ? (people.get(reply.authorId) ?? null) : null,
        })),
      };
    });
  }

  async create(input: CreateFeedbackInput): Promise<FeedbackDto> {
    const row = await this.db.feedback.create({
      data: {
        tenantId: input.tenantId,
        authorId: input.authorId,
        category: input.category,
        message: input.message,
        satisfaction: input.satisfaction,
        offerId: input.offerId,
        leadIds: input.leadIds,
      },
      select: feedbackSelect,
    });
    return (await this.hydrate([row]))[0]!;
  }

  /** The tenant's feedback, newest first, with replies. */
  async listForTenant(tenantId: string, take = 100): Promise<FeedbackDto[]> {
    const rows = await this.db.feedback.findMany({
      where: { tenantId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take,
      select: feedbackSelect,
    });
    return this.hydrate(rows);
  }

  async findForTenant(tenantId: string, id: string): Promise<FeedbackDto | null> {
    const row = await this.db.feedback.findFirst({ where: { id, tenantId }, select: feedbackSelect });
    return row ? (await this.hydrate([row]))[0]! : null;
  }

  /** How many of these ids are leads of the tenant (to refuse ids of other tenants). */
  countTenantLeads(tenantId: string, leadIds: string[]): Promise<number> {
    if (leadIds.length === 0) return Promise.resolve(0);
    return this.db.lead.count({ where: { tenantId, id: { in: leadIds } } });
  }

  async tenantOfferExists(tenantId: string, offerId: string): Promise<boolean> {
    return (await this.db.offer.count({ where: { tenantId, id: offerId } })) > 0;
  }

  /** The tenant's offers, for the "which offer is this about" choice. */
  listTenantOffers(tenantId: string): Promise<FeedbackOfferDto[]> {
    return this.db.offer.findMany({
      where: { tenantId },
      orderBy: [{ title: "asc" }, { id: "asc" }],
      select: { id: true, title: true, publisherId: true, offerId: true },
    });
  }

  async addReply(input: { feedbackId: string; authorId: string; fromStaff: boolean; message: string }): Promise<void> {
    await this.db.feedbackReply.create({
      data: { feedbackId: input.feedbackId, authorId: input.authorId, fromStaff: input.fromStaff, message: input.message },
      select: { id: true },
    });
  }

  /** Also called with an unchanged status after a reply, so updatedAt is the last activity. */
  async setStatus(id: string, status: FeedbackStatus): Promise<void> {
    await this.db.feedback.update({ where: { id }, data: { status, updatedAt: new Date() }, select: { id: true } });
  }

  /** Tells the author (in the app) that the team answered. */
  async notifyAuthorOfReply(feedback: { id: string; tenantId: string; authorId: string | null }, excerpt: string): Promise<void> {
    if (!feedback.authorId) return;
    await this.db.notification.create({
      data: {
        tenantId: feedback.tenantId,
        userId: feedback.authorId,
        kind: "feedback.replied",
        title: "The Leadrelay team answered your feedback",
        body: excerpt.length > 200 ? `${excerpt.slice(0, 199)}…` : excerpt,
        link: `/feedback#feedback-${feedback.id}`,
      },
      select: { id: true },
    });
  }

  /** The raw row's tenant, status and author, for the checks before a change. */
  findRef(id: string): Promise<{ id: string; tenantId: string; status: FeedbackStatus; authorId: string | null } | null> {
    return this.db.feedback.findUnique({ where: { id }, select: { id: true, tenantId: true, status: true, authorId: true } });
  }

  // ------------------------------------------------------------ platform staff

  /** Every tenant's feedback, newest first, keyset paged; throws InvalidFeedbackCursorError. */
  async inbox(filter: FeedbackInboxFilter, page: { cursor?: string | null; limit: number }): Promise<FeedbackInboxPage> {
    const after = page.cursor ? decodeCursor(page.cursor) : null;
    const scope: Prisma.FeedbackWhereInput = {
      ...(filter.category ? { category: filter.category } : {}),
      ...(filter.tenantId ? { tenantId: filter.tenantId } : {}),
    };
    const [rows, groups] = await Promise.all([
      this.db.feedback.findMany({
        where: {
          ...scope,
          ...(filter.status ? { status: filter.status } : {}),
          ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
        },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: page.limit + 1,
        select: inboxSelect,
      }),
      this.db.feedback.groupBy({ by: ["status"], where: scope, _count: { _all: true } }),
    ]);
    const statusCounts = { ...EMPTY_STATUS_COUNTS };
    for (const group of groups) statusCounts[group.status] = group._count._all;
    const pageRows = rows.slice(0, page.limit);
    const items = (await this.hydrate(pageRows)).map((dto, i) => ({ ...dto, tenant: pageRows[i]!.tenant }));
    return { items, nextCursor: rows.length > page.limit ? encodeCursor(items[items.length - 1]!) : null, statusCounts };
  }

  async inboxItem(id: string): Promise<FeedbackInboxDetailDto | null> {
    const row = await this.db.feedback.findUnique({ where: { id }, select: inboxSelect });
    if (!row) return null;
    const [dto] = await this.hydrate([row]);
    const leads = row.leadIds.length
      ? await this.db.lead.findMany({
          where: { tenantId: row.tenantId, id: { in: row.leadIds } },
          orderBy: { lastReceivedAt: "desc" },
          select: { id: true, firstName: true, lastName: true, company: true, source: true, action: true, lastReceivedAt: true, isTest: true },
        })
      : [];
    return {
      ...dto!,
      tenant: row.tenant,
      leads: leads.map(({ firstName, lastName, ...lead }) => ({
        ...lead,
        name: [firstName, lastName].filter(Boolean).join(" ") || null,
      })),
    };
  }
}
