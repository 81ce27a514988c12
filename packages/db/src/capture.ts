/**
 * The capture pipeline's database half: every channel (HTTPS capture URL, API, CSV,
 * manual entry, Azure Table import) hands a parsed canonical lead to `captureLead`,
 * which stores it in one transaction so an accepted lead is never half-stored.
 */
import {
  advancesFunnelStage,
  CUSTOMER_FIELDS,
  PRIVACY_KEPT_CUSTOMER_FIELDS,
  formatOfferId,
  processInboundLead,
  storableValue,
  type CustomerField,
  type Lead,
} from "@leadrelay/leads";
import type { Db, DbTx } from "./client";
import type { CaptureChannel, FunnelStage } from "./generated/prisma/enums";
import { CaptureEndpointRepository, markLeadNeeded } from "./repositories/capture-endpoint.repository";
import { queueDeliveries } from "./repositories/delivery-outbox";
import { leadSearchText, LeadRepository, type LeadMergeRow } from "./repositories/lead.repository";
import { OfferRepository } from "./repositories/offer.repository";
import { takeNewLeadAssignment, type NewLeadAssignment } from "./repositories/pipeline.repository";
import { TimelineRepository } from "./repositories/timeline.repository";

/** The tenant's offer the lead is about, as the caller resolved it. */
export interface CaptureOffer {
  id: string;
  publisherId: string;
  offerId: string;
  title: string;
}

export interface CaptureLeadInput {
  tenantId: string;
  channel: CaptureChannel;
  captureEndpointId?: string | null;
  /** The offer from the capture URL or `resolveCaptureOffer`; null when the lead is about none of the tenant's offers. */
  offer: CaptureOffer | null;
  /** The canonical lead as the channel's parser produced it (privacy rules are applied here). */
  lead: Lead;
  /** The request body exactly as received, where the channel has one. */
  rawBody?: string | null;
  /** Retries of one capture carry the same key; unique per tenant, so namespace it by channel. */
  idempotencyKey: string;
  /** When Leadrelay received the capture (the lead's own `receivedAt` may be the marketplace's creation time). */
  receivedAt: Date;
  /** The tenant's capture settings when the caller already read them (the capture URL's lookup does); read in the transaction otherwise. */
  tenantPolicy?: CapturePolicy | null;
  /**
   * The capture URL's last-lead and verified times as the caller read them: the endpoint's
   * row is not touched while they are fresh (see `markLeadNeeded`). Unknown: always marked.
   */
  captureEndpointSeen?: { lastLeadAt: Date | null; verifiedAt: Date | null } | null;
}

export interface CapturePolicy {
  privacyDomains: string[];
  suspended: boolean;
}

export interface CaptureLeadResult {
  leadId: string;
  touchpointId: string;
  /** True when a new lead was created, false when the touchpoint joined an existing lead (or was a duplicate). */
  created: boolean;
  /** The idempotency key was seen before: nothing was added, the first capture's ids are returned. */
  duplicateRequest: boolean;
}

/** Enough for a race (two captures of one new person, two identical retries); more means something else is wrong. */
const MAX_ATTEMPTS = 4;

/** How long a capture waits for a pooled connection before answering 500 (the sender retries). */
const CONNECTION_WAIT_MS = 5_000;

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === "P2002";

/**
 * Stores one capture: privacy rules (.edu and the tenant's domains) → de-duplication key →
 * new lead or merge into the same person's lead → touchpoint with the raw body →
 * deliveries queued in the same transaction (the outbox) → the capture URL's last-lead
 * and verified times.
 *
 * Idempotent per (tenant, idempotencyKey). Concurrent captures of one new person, or
 * concurrent identical retries, collide on a unique index; the loser's transaction rolls
 * back and is run again, and then finds the winner's lead (merge) or touchpoint (duplicate).
 */
export async function captureLead(db: Db, input: CaptureLeadInput): Promise<CaptureLeadResult> {
  // Every channel (API, CSV, manual, Azure Table) may carry U+0000, which PostgreSQL refuses.
  const storable = { ...input, lead: storableValue(input.lead), rawBody: input.rawBody?.replaceAll("\u0000", "\uFFFD") };
  for (let attempt = 1; ; attempt++) {
    try {
      // A burst queues for a connection rather than failing after Prisma's default 2 s.
      return await db.$transaction((tx) => captureInTransaction(tx, storable), { maxWait: CONNECTION_WAIT_MS });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/**
 * The tenant's offer for a capture: the capture URL's own offer when it has one (the URL
 * is how Leadrelay knows the exact offer; the HTTPS JSON names only the title), else the
 * offer the lead names by `publisherid.offerid`, else by a title only one offer has.
 */
export async function resolveCaptureOffer(
  db: DbTx,
  tenantId: string,
  lead: Pick<Lead, "offer" | "offerTitle">,
  urlOfferId: string | null = null,
): Promise<CaptureOffer | null> {
  const offers = new OfferRepository(db);
  const offer = urlOfferId ? await offers.findById(tenantId, urlOfferId) : await offers.findForLead(tenantId, lead);
  return offer && { id: offer.id, publisherId: offer.publisherId, offerId: offer.offerId, title: offer.title };
}

async function captureInTransaction(tx: DbTx, input: CaptureLeadInput): Promise<CaptureLeadResult> {
  const leads = new LeadRepository(tx);
  const { tenantId } = input;

  const policy = input.tenantPolicy ?? (await leads.capturePolicy(tenantId));
  if (!policy) throw new Error(`captureLead: tenant ${tenantId} does not exist`);

  // The offer's ids go into the lead before the key is computed, so the same person is
  // one lead whether they came through the offer's own URL or named the offer themselves.
  const processed = processInboundLead(withOffer(input.lead, input.offer), { extraDomains: policy.privacyDomains });
  const lead = processed.lead;
  const stage = toDbStage(processed.stage);

  const claim = await claimCapture(tx, tenantId, input.idempotencyKey, processed.dedupKey);
  if (claim.seen) return { leadId: claim.seen.leadId, touchpointId: claim.seen.id, created: false, duplicateRequest: true };
  const existing = claim.lockedLeadId && processed.dedupKey ? await leads.lockByDedupKey(tenantId, processed.dedupKey) : null;

  const stored = existing
    ? await leads.updateForCapture(existing.id, mergeIntoLead(existing, lead, stage, input.offer))
    : await leads.createForCapture({
        tenantId,
        dedupKey: processed.dedupKey,
        ...leadColumns(lead, stage, input.offer),
        ownerId: null,
        touchpointCount: 1,
        firstReceivedAt: lead.receivedAt,
        lastReceivedAt: lead.receivedAt,
      });

  const touchpoint = await leads.addTouchpoint({
    tenantId,
    leadId: stored.id,
    channel: input.channel,
    captureEndpointId: input.captureEndpointId ?? null,
    source: lead.source ?? null,
    action: lead.action ?? null,
    funnelStage: stage,
    receivedAt: lead.receivedAt,
    // The raw body of a privacy-redacted lead holds exactly what the rule removed.
    rawBody: lead.isPrivacyRedacted ? null : (input.rawBody ?? null),
    extraFields: lead.extraFields,
    idempotencyKey: input.idempotencyKey,
    isTest: lead.isTest,
  });

  await queueDeliveries(tx, {
    tenantId,
    leadId: stored.id,
    touchpointId: touchpoint.id,
    offerId: stored.offerId,
    tenantSuspended: policy.suspended,
  });

  // Conditional and rare (see markLeadNeeded): a burst of leads does not queue on the endpoint's row.
  if (input.captureEndpointId && (!input.captureEndpointSeen || markLeadNeeded(input.captureEndpointSeen, input.receivedAt, lead.isTest))) {
    await new CaptureEndpointRepository(tx).markLead(input.captureEndpointId, input.receivedAt, lead.isTest);
  }

  // Last, right before the commit: the round robin's turn is taken under the tenant's
  // settings row lock, which is held until the transaction ends, so it is held briefly.
  // Test leads and do-not-contact signals go to nobody's follow-up list, so they take no turn in the rotation.
  const assignable = !existing && !lead.isTest && stage !== "DO_NOT_CONTACT" && claim.assignmentMode !== null && claim.assignmentMode !== "MANUAL";
  const assignment = assignable ? await takeNewLeadAssignment(tx, tenantId, input.offer?.id ?? null) : null;
  if (assignment) {
    await tx.lead.update({ where: { id: stored.id }, data: { ownerId: assignment.ownerId }, select: { id: true } });
    await recordAssignment(tx, tenantId, stored.id, assignment);
  }
  return { leadId: stored.id, touchpointId: touchpoint.id, created: !existing, duplicateRequest: false };
}

/**
 * One round trip at the start of the capture: the touchpoint an identical earlier request
 * stored (idempotency), the same person's lead, row-locked so concurrent merges into it run
 * one after another, and the tenant's assignment mode (read without a lock: the turn is
 * taken under the lock at the end, and only when a rule assigns owners).
 */
async function claimCapture(
  tx: DbTx,
  tenantId: string,
  idempotencyKey: string,
  dedupKey: string | null,
): Promise<{ seen: { id: string; leadId: string } | null; lockedLeadId: string | null; assignmentMode: string | null }> {
  const rows = await tx.$queryRaw<{ seenId: string | null; seenLeadId: string | null; lockedLeadId: string | null; assignmentMode: string | null }[]>`
    SELECT seen."id" AS "seenId", seen."leadId" AS "seenLeadId",
      (SELECT l."id" FROM "Lead" l WHERE l."tenantId" = ${tenantId} AND l."dedupKey" = ${dedupKey} AND seen."id" IS NULL FOR UPDATE) AS "lockedLeadId",
      (SELECT a."mode"::text FROM "AssignmentSettings" a WHERE a."tenantId" = ${tenantId}) AS "assignmentMode"
    FROM (SELECT 1) AS one
    LEFT JOIN "Touchpoint" seen ON seen."tenantId" = ${tenantId} AND seen."idempotencyKey" = ${idempotencyKey}`;
  const row = rows[0];
  return {
    seen: row?.seenId && row.seenLeadId ? { id: row.seenId, leadId: row.seenLeadId } : null,
    lockedLeadId: row?.lockedLeadId ?? null,
    assignmentMode: row?.assignmentMode ?? null,
  };
}

/** The rule's choice on the lead's timeline, as a manual assignment would appear (by the system: no actor). */
async function recordAssignment(tx: DbTx, tenantId: string, leadId: string, assignment: NewLeadAssignment & { ownerLabel: string | null }): Promise<void> {
  await new TimelineRepository(tx).record({
    tenantId,
    leadId,
    actorId: null,
    kind: "owner.changed",
    data: { fromUserId: null, toUserId: assignment.ownerId, from: null, to: assignment.ownerLabel, rule: assignment.rule },
  });
}

function withOffer(lead: Lead, offer: CaptureOffer | null): Lead {
  if (!offer) return lead;
  return { ...lead, offer: { publisherId: offer.publisherId, offerId: offer.offerId } };
}

function toDbStage(stage: ReturnType<typeof processInboundLead>["stage"]): FunnelStage {
  return stage.toUpperCase() as FunnelStage;
}

function leadColumns(lead: Lead, stage: FunnelStage, offer: CaptureOffer | null) {
  const customer = Object.fromEntries(CUSTOMER_FIELDS.map((field) => [field, lead.customer[field] ?? null])) as Record<CustomerField, string | null>;
  return {
    ...customer,
    offerId: offer?.id ?? null,
    offerRef: !offer && lead.offer ? formatOfferId(lead.offer) : null,
    offerTitle: lead.offerTitle ?? offer?.title ?? null,
    source: lead.source ?? null,
    action: lead.action ?? null,
    funnelStage: stage,
    description: lead.description ?? null,
    isTest: lead.isTest,
    isPrivacyRedacted: lead.isPrivacyRedacted,
    privacyReason: lead.privacyRedactionReason ?? null,
    searchText: leadSearchText(customer),
  };
}

/**
 * A new touchpoint merged into the person's lead. The lead keeps what it has and only
 * gains what was missing, so a later capture never silently rewrites what sales already
 * saw (each touchpoint keeps its own values and raw body). Source and action follow the
 * touchpoint that brought the lead to its current stage. A privacy-redacted lead gains
 * no personal data: only the fields the privacy rule keeps may be filled in.
 */
function mergeIntoLead(existing: LeadMergeRow, incoming: Lead, stage: FunnelStage, offer: CaptureOffer | null) {
  const fillable: readonly CustomerField[] = existing.isPrivacyRedacted ? PRIVACY_KEPT_CUSTOMER_FIELDS : CUSTOMER_FIELDS;
  const customer = Object.fromEntries(
    CUSTOMER_FIELDS.map((field) => [field, existing[field] ?? (fillable.includes(field) ? (incoming.customer[field] ?? null) : null)]),
  ) as Record<CustomerField, string | null>;
  // A merged lead keeps its most advanced stage (the rule is in @leadrelay/leads).
  const advances = advancesFunnelStage(existing.funnelStage, stage);
  const offerId = existing.offerId ?? offer?.id ?? null;
  return {
    ...customer,
    offerId,
    offerRef: offerId ? null : (existing.offerRef ?? (incoming.offer ? formatOfferId(incoming.offer) : null)),
    offerTitle: existing.offerTitle ?? incoming.offerTitle ?? offer?.title ?? null,
    funnelStage: advances ? stage : existing.funnelStage,
    source: advances ? (incoming.source ?? existing.source) : (existing.source ?? incoming.source ?? null),
    action: advances ? (incoming.action ?? existing.action) : (existing.action ?? incoming.action ?? null),
    description: existing.description ?? (existing.isPrivacyRedacted ? null : (incoming.description ?? null)),
    // One real capture makes the person real; a lead stays a test lead only while every capture was a test.
    isTest: existing.isTest && incoming.isTest,
    searchText: leadSearchText(customer),
    touchpointCount: { increment: 1 },
    firstReceivedAt: incoming.receivedAt < existing.firstReceivedAt ? incoming.receivedAt : existing.firstReceivedAt,
    lastReceivedAt: incoming.receivedAt > existing.lastReceivedAt ? incoming.receivedAt : existing.lastReceivedAt,
  };
}
