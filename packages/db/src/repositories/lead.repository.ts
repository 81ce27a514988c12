import { resolveStage } from "@leadrelay/leads";
import type { DbTx } from "../client";
import type { Prisma } from "../generated/prisma/client";
import type { CaptureChannel, FunnelStage, StageKind } from "../generated/prisma/enums";
import { customerOf, leadCustomerSelect } from "./canonical-lead";

// ---------------------------------------------------------------- DTOs

export interface LeadOfferDto {
  id: string;
  publisherId: string;
  offerId: string;
  title: string;
}

/** The member who works a lead. */
export interface LeadOwnerDto {
  userId: string;
  name: string | null;
  email: string;
}

/** Where a lead is in the tenant's pipeline. */
export interface LeadStageDto {
  id: string;
  name: string;
  kind: StageKind;
  isNurture: boolean;
}

export interface LeadListItemDto {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  country: string | null;
  company: string | null;
  title: string | null;
  source: string | null;
  action: string | null;
  funnelStage: FunnelStage;
  /** The tenant's offer, when the lead could be tied to one. */
  offer: LeadOfferDto | null;
  /** `publisherid.offerid` as received when it is not one of the tenant's offers. */
  offerRef: string | null;
  offerTitle: string | null;
  /** Follow-up: who works the lead and its pipeline stage (null: unassigned / the first stage). */
  ownerId: string | null;
  stageId: string | null;
  /** The owner while they are a member of the tenant; null: unassigned (or the owner left). */
  owner: LeadOwnerDto | null;
  /** The lead's stage; a lead with none yet sits in the entry stage. Null before the pipeline exists. */
  stage: LeadStageDto | null;
  isTest: boolean;
  isPrivacyRedacted: boolean;
  privacyReason: string | null;
  touchpointCount: number;
  firstReceivedAt: Date;
  lastReceivedAt: Date;
  createdAt: Date;
}

export interface TouchpointDto {
  id: string;
  channel: CaptureChannel;
  captureEndpointId: string | null;
  source: string | null;
  action: string | null;
  funnelStage: FunnelStage;
  receivedAt: Date;
  /** The request body exactly as received; null for privacy-redacted leads and channels without one. */
  rawBody: string | null;
  extraFields: unknown;
  isTest: boolean;
}

export interface LeadDetailDto extends LeadListItemDto {
  description: string | null;
  updatedAt: Date;
  /** Oldest first: the lead's timeline. */
  touchpoints: TouchpointDto[];
}

export interface LeadExportDto extends LeadListItemDto {
  description: string | null;
  touchpoints: TouchpointDto[];
}

export interface LeadFilter {
  /** An offer's id; null means leads tied to none of the tenant's offers. */
  offerId?: string | null;
  /**
   * A member's user id; null means leads nobody works: no owner, or an owner who has
   * left the tenant (such leads show as unassigned).
   */
  ownerId?: string | null;
  /** A pipeline stage; `includeUnstaged` for the entry stage, where leads with no stage yet sit. */
  stage?: { id: string; includeUnstaged: boolean };
  source?: string;
  action?: string;
  funnelStage?: FunnelStage;
  /** Inclusive bounds on the last time the lead arrived. */
  receivedFrom?: Date;
  receivedTo?: Date;
  /** Microsoft's test leads are hidden unless asked for. */
  includeTest?: boolean;
  /** Searched in name, e-mail and company, ignoring case (`MSFT_TEST` finds test leads). */
  q?: string;
}

/** Only sorts an index can walk in keyset order. */
export type LeadSortField = "lastReceivedAt" | "createdAt";
export type SortDirection = "asc" | "desc";

export interface LeadPageRequest {
  sort?: LeadSortField;
  order?: SortDirection;
  cursor?: string | null;
  limit: number;
}

export interface LeadPage {
  items: LeadListItemDto[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
}

/** A cursor that was not produced by `list` with the same sort. */
export class InvalidLeadCursorError extends Error {
  override name = "InvalidLeadCursorError";
}

/** The columns a merge reads, locked for the rest of the capture transaction. */
export interface LeadMergeRow {
  id: string;
  offerId: string | null;
  offerRef: string | null;
  offerTitle: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  country: string | null;
  company: string | null;
  title: string | null;
  source: string | null;
  action: string | null;
  funnelStage: FunnelStage;
  description: string | null;
  isTest: boolean;
  isPrivacyRedacted: boolean;
  firstReceivedAt: Date;
  lastReceivedAt: Date;
}

// ---------------------------------------------------------------- selects and helpers

const listSelect = {
  id: true,
  ...leadCustomerSelect,
  source: true,
  action: true,
  funnelStage: true,
  offer: { select: { id: true, publisherId: true, offerId: true, title: true } },
  offerRef: true,
  offerTitle: true,
  ownerId: true,
  stageId: true,
  isTest: true,
  isPrivacyRedacted: true,
  privacyReason: true,
  touchpointCount: true,
  firstReceivedAt: true,
  lastReceivedAt: true,
  createdAt: true,
} as const satisfies Prisma.LeadSelect;

const touchpointSelect = {
  id: true,
  channel: true,
  captureEndpointId: true,
  source: true,
  action: true,
  funnelStage: true,
  receivedAt: true,
  rawBody: true,
  extraFields: true,
  isTest: true,
} as const satisfies Prisma.TouchpointSelect;

const touchpointOrder = [{ receivedAt: "asc" }, { id: "asc" }] as const satisfies Prisma.TouchpointOrderByWithRelationInput[];

const mergeSelect = {
  id: true,
  offerId: true,
  offerRef: true,
  offerTitle: true,
  ...leadCustomerSelect,
  source: true,
  action: true,
  funnelStage: true,
  description: true,
  isTest: true,
  isPrivacyRedacted: true,
  firstReceivedAt: true,
  lastReceivedAt: true,
} as const satisfies Prisma.LeadSelect;

/** What the inbox search matches: name, e-mail and company, lower-cased. */
export function leadSearchText(fields: { firstName?: string | null; lastName?: string | null; email?: string | null; company?: string | null }): string {
  return [fields.firstName, fields.lastName, fields.email, fields.company]
    .filter((part): part is string => !!part)
    .join(" ")
    .toLowerCase();
}

interface CursorPosition {
  at: Date;
  id: string;
}

function encodeCursor(sort: LeadSortField, order: SortDirection, position: CursorPosition): string {
  return Buffer.from(JSON.stringify([sort, order, position.at.getTime(), position.id])).toString("base64url");
}

function decodeCursor(cursor: string, sort: LeadSortField, order: SortDirection): CursorPosition {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidLeadCursorError("The cursor is not one this list produced.");
  }
  if (
    !Array.isArray(parts) ||
    parts.length !== 4 ||
    typeof parts[2] !== "number" ||
    !Number.isFinite(parts[2]) ||
    typeof parts[3] !== "string"
  ) {
    throw new InvalidLeadCursorError("The cursor is not one this list produced.");
  }
  if (parts[0] !== sort || parts[1] !== order) {
    throw new InvalidLeadCursorError("The cursor belongs to a different sort order; start again from the first page.");
  }
  return { at: new Date(parts[2]), id: parts[3] };
}

/** `LIKE` wildcards in the search text are searched for literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/gu, (char) => `\\${char}`);
}

/** A whole e-mail address (no spaces, one `@`, a dot in the domain): see `exactEmail` below. */
export function looksLikeEmail(q: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/u.test(q);
}

/**
 * `memberIds`: the tenant's members, needed when filtering for unassigned leads.
 * `exactEmail`: search `q` (a whole address) by the e-mail's lower-cased form, an index
 * lookup, instead of as a substring: an address's trigrams are common to every lead's
 * address, so the trigram index reads most of its postings (hundreds of ms at 1M leads).
 */
function filterWhere(tenantId: string, filter: LeadFilter, memberIds: string[], exactEmail = false): Prisma.LeadWhereInput {
  const and: Prisma.LeadWhereInput[] = [];
  if (filter.ownerId === null) and.push({ OR: [{ ownerId: null }, { ownerId: { notIn: memberIds } }] });
  if (filter.stage) {
    and.push(filter.stage.includeUnstaged ? { OR: [{ stageId: filter.stage.id }, { stageId: null }] } : { stageId: filter.stage.id });
  }
  if (filter.receivedFrom || filter.receivedTo) {
    and.push({ lastReceivedAt: { ...(filter.receivedFrom ? { gte: filter.receivedFrom } : {}), ...(filter.receivedTo ? { lte: filter.receivedTo } : {}) } });
  }
  const q = filter.q?.trim().toLowerCase();
  if (q) and.push(exactEmail ? { emailLower: q } : { searchText: { contains: escapeLike(q) } });
  return {
    tenantId,
    ...(filter.offerId !== undefined ? { offerId: filter.offerId } : {}),
    ...(typeof filter.ownerId === "string" ? { ownerId: filter.ownerId } : {}),
    ...(filter.source !== undefined ? { source: filter.source } : {}),
    ...(filter.action !== undefined ? { action: filter.action } : {}),
    ...(filter.funnelStage !== undefined ? { funnelStage: filter.funnelStage } : {}),
    ...(filter.includeTest ? {} : { isTest: false }),
    ...(and.length > 0 ? { AND: and } : {}),
  };
}

function afterCursor(sort: LeadSortField, order: SortDirection, position: CursorPosition): Prisma.LeadWhereInput {
  const beyond = order === "desc" ? "lt" : "gt";
  // The bound on the sort field alone is implied by the OR, but PostgreSQL cannot derive it
  // from the OR: with it, the index range starts at the cursor instead of the first row.
  const from = order === "desc" ? "lte" : "gte";
  return {
    [sort]: { [from]: position.at },
    OR: [{ [sort]: { [beyond]: position.at } }, { [sort]: position.at, id: { [beyond]: position.id } }],
  };
}

type LeadFollowUpFields = Pick<LeadListItemDto, "owner" | "stage">;

// ---------------------------------------------------------------- repository

export class LeadRepository {
  constructor(private readonly db: DbTx) {}

  /** One page of the inbox, keyset-paged on (sort field, id) so pages never skip or repeat rows. */
  list(tenantId: string, filter: LeadFilter, page: LeadPageRequest): Promise<LeadPage> {
    return this.page(tenantId, filter, page, listSelect);
  }

  async get(tenantId: string, id: string): Promise<LeadDetailDto | null> {
    const lead = await this.db.lead.findFirst({
      where: { id, tenantId },
      select: { ...listSelect, description: true, updatedAt: true, touchpoints: { select: touchpointSelect, orderBy: touchpointOrder } },
    });
    return lead ? ((await this.withFollowUp(tenantId, [lead]))[0] ?? null) : null;
  }

  /** A page of the filtered leads with their touchpoints, for exports (same order and cursors as `list`). */
  listForExport(tenantId: string, filter: LeadFilter, page: LeadPageRequest): Promise<{ items: LeadExportDto[]; nextCursor: string | null }> {
    return this.page(tenantId, filter, page, { ...listSelect, description: true, touchpoints: { select: touchpointSelect, orderBy: touchpointOrder } });
  }

  private async page<S extends typeof listSelect>(
    tenantId: string,
    filter: LeadFilter,
    page: LeadPageRequest,
    select: S,
  ): Promise<{ items: (Prisma.LeadGetPayload<{ select: S }> & LeadFollowUpFields)[]; nextCursor: string | null }> {
    const sort = page.sort ?? "lastReceivedAt";
    const order = page.order ?? "desc";
    const position = page.cursor ? decodeCursor(page.cursor, sort, order) : null;
    const memberIds = filter.ownerId === null ? [...(await this.memberDirectory(tenantId)).keys()] : [];
    // A whole e-mail address: the leads with exactly that address when there are any (the
    // one the user pasted; a probe of the e-mail index), else the substring search (an
    // address still being typed). Decided on the whole filter, so every page agrees.
    const q = filter.q?.trim().toLowerCase();
    const exactWhere = q && looksLikeEmail(q) ? filterWhere(tenantId, filter, memberIds, true) : null;
    const exact = exactWhere ? (await this.db.lead.findFirst({ where: exactWhere, select: { id: true } })) !== null : false;
    const where = exact && exactWhere ? exactWhere : filterWhere(tenantId, filter, memberIds);
    type Row = Prisma.LeadGetPayload<{ select: S }> & { id: string; ownerId: string | null; stageId: string | null } & Record<LeadSortField, Date>;
    const rows = (await this.db.lead.findMany({
      where: position ? { AND: [where, afterCursor(sort, order, position)] } : where,
      orderBy: [{ [sort]: order }, { id: order }],
      take: page.limit + 1,
      select,
    })) as Row[];
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return {
      items: await this.withFollowUp(tenantId, items),
      nextCursor: rows.length > page.limit && last ? encodeCursor(sort, order, { at: last[sort], id: last.id }) : null,
    };
  }

  /** The tenant's members by user id (small: one indexed read). */
  private async memberDirectory(tenantId: string): Promise<Map<string, LeadOwnerDto>> {
    const rows = await this.db.membership.findMany({ where: { tenantId }, select: { user: { select: { id: true, name: true, email: true } } } });
    return new Map(rows.map(({ user }) => [user.id, { userId: user.id, name: user.name, email: user.email }]));
  }

  /**
   * Each lead's owner (members only: an owner who left shows as unassigned) and pipeline
   * stage (no stage yet: the entry stage), in two small reads whatever the page size.
   */
  private async withFollowUp<L extends { ownerId: string | null; stageId: string | null }>(tenantId: string, leads: L[]): Promise<(L & LeadFollowUpFields)[]> {
    if (leads.length === 0) return [];
    const [members, stages] = await Promise.all([
      leads.some((l) => l.ownerId) ? this.memberDirectory(tenantId) : Promise.resolve(new Map<string, LeadOwnerDto>()),
      this.db.pipelineStage.findMany({
        where: { tenantId },
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: { id: true, name: true, kind: true, isNurture: true, position: true },
      }),
    ]);
    return leads.map((lead) => {
      const stage = resolveStage(stages, lead.stageId);
      return {
        ...lead,
        owner: lead.ownerId ? (members.get(lead.ownerId) ?? null) : null,
        stage: stage ? { id: stage.id, name: stage.name, kind: stage.kind, isNurture: stage.isNurture } : null,
      };
    });
  }

  /** When the newest lead of the scope (an offer, or none: null) arrived, real and test leads apart. */
  async lastReceivedAt(tenantId: string, offerId: string | null, isTest: boolean): Promise<Date | null> {
    const row = await this.db.lead.findFirst({
      where: { tenantId, offerId, isTest },
      orderBy: { lastReceivedAt: "desc" },
      select: { lastReceivedAt: true },
    });
    return row?.lastReceivedAt ?? null;
  }

  // ------------------------------------------------ the capture pipeline's steps (see ../capture.ts)

  /** What capture needs from the tenant; null when the tenant does not exist. */
  async capturePolicy(tenantId: string): Promise<{ privacyDomains: string[]; suspended: boolean } | null> {
    const tenant = await this.db.tenant.findUnique({ where: { id: tenantId }, select: { privacyDomains: true, status: true } });
    return tenant ? { privacyDomains: tenant.privacyDomains, suspended: tenant.status === "SUSPENDED" } : null;
  }

  findTouchpointByIdempotencyKey(tenantId: string, idempotencyKey: string): Promise<{ id: string; leadId: string } | null> {
    return this.db.touchpoint.findUnique({
      where: { tenantId_idempotencyKey: { tenantId, idempotencyKey } },
      select: { id: true, leadId: true },
    });
  }

  /** The lead with this de-duplication key, row-locked so concurrent merges into it run one after another. */
  async lockByDedupKey(tenantId: string, dedupKey: string): Promise<LeadMergeRow | null> {
    const locked = await this.db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Lead" WHERE "tenantId" = ${tenantId} AND "dedupKey" = ${dedupKey} FOR UPDATE`;
    const id = locked[0]?.id;
    return id ? this.db.lead.findUnique({ where: { id }, select: mergeSelect }) : null;
  }

  /** Throws P2002 when another capture created the same person first (the caller retries as a merge). */
  createForCapture(data: Omit<Prisma.LeadUncheckedCreateInput, "id" | "createdAt" | "updatedAt">): Promise<{ id: string; offerId: string | null }> {
    return this.db.lead.create({ data, select: { id: true, offerId: true } });
  }

  updateForCapture(id: string, data: Prisma.LeadUncheckedUpdateInput): Promise<{ id: string; offerId: string | null }> {
    return this.db.lead.update({ where: { id }, data, select: { id: true, offerId: true } });
  }

  /** Throws P2002 when the idempotency key was taken concurrently (the caller retries and finds it). */
  addTouchpoint(data: Omit<Prisma.TouchpointUncheckedCreateInput, "id">): Promise<{ id: string }> {
    return this.db.touchpoint.create({ data, select: { id: true } });
  }
}

// ---------------------------------------------------------------- export shapes (API and CLI share them)

/** CSV columns of an export; the CSV import reads the same names back. */
export const LEAD_CSV_COLUMNS = [
  "id",
  "firstName",
  "lastName",
  "email",
  "phone",
  "country",
  "company",
  "title",
  "source",
  "action",
  "offer",
  "offerTitle",
  "funnelStage",
  "owner",
  "ownerEmail",
  "pipelineStage",
  "description",
  "isTest",
  "isPrivacyRedacted",
  "privacyReason",
  "touchpointCount",
  "firstReceivedAt",
  "lastReceivedAt",
] as const;

export type LeadCsvRecord = Record<(typeof LEAD_CSV_COLUMNS)[number], string | number | boolean>;

function offerRefOf(lead: LeadListItemDto): string | null {
  return lead.offer ? `${lead.offer.publisherId}.${lead.offer.offerId}` : lead.offerRef;
}

/** One CSV row per lead: the lead's current state (touchpoints are in the JSON export). */
export function leadCsvRecord(lead: LeadExportDto): LeadCsvRecord {
  return {
    id: lead.id,
    firstName: lead.firstName ?? "",
    lastName: lead.lastName ?? "",
    email: lead.email ?? "",
    phone: lead.phone ?? "",
    country: lead.country ?? "",
    company: lead.company ?? "",
    title: lead.title ?? "",
    source: lead.source ?? "",
    action: lead.action ?? "",
    offer: offerRefOf(lead) ?? "",
    offerTitle: lead.offerTitle ?? lead.offer?.title ?? "",
    funnelStage: lead.funnelStage,
    owner: lead.owner ? (lead.owner.name ?? lead.owner.email) : "",
    ownerEmail: lead.owner?.email ?? "",
    pipelineStage: lead.stage?.name ?? "",
    description: lead.description ?? "",
    isTest: lead.isTest,
    isPrivacyRedacted: lead.isPrivacyRedacted,
    privacyReason: lead.privacyReason ?? "",
    touchpointCount: lead.touchpointCount,
    firstReceivedAt: lead.firstReceivedAt.toISOString(),
    lastReceivedAt: lead.lastReceivedAt.toISOString(),
  };
}

/** One JSON object per lead, with its touchpoints (raw bodies included: exports are for backups and migrations). */
export function leadJsonRecord(lead: LeadExportDto) {
  return {
    id: lead.id,
    customer: customerOf(lead),
    source: lead.source,
    action: lead.action,
    offer: offerRefOf(lead),
    offerTitle: lead.offerTitle ?? lead.offer?.title ?? null,
    funnelStage: lead.funnelStage,
    owner: lead.owner ? { name: lead.owner.name, email: lead.owner.email } : null,
    pipelineStage: lead.stage?.name ?? null,
    description: lead.description,
    isTest: lead.isTest,
    isPrivacyRedacted: lead.isPrivacyRedacted,
    privacyReason: lead.privacyReason,
    touchpointCount: lead.touchpointCount,
    firstReceivedAt: lead.firstReceivedAt.toISOString(),
    lastReceivedAt: lead.lastReceivedAt.toISOString(),
    touchpoints: lead.touchpoints.map((t) => ({
      id: t.id,
      channel: t.channel,
      source: t.source,
      action: t.action,
      funnelStage: t.funnelStage,
      receivedAt: t.receivedAt.toISOString(),
      isTest: t.isTest,
      extraFields: t.extraFields,
      rawBody: t.rawBody,
    })),
  };
}

export type LeadJsonRecord = ReturnType<typeof leadJsonRecord>;
