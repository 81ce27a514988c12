import { randomBytes } from "node:crypto";
import type { Db, DbTx } from "../client";
import type { Prisma } from "../generated/prisma/client";
import type { DeliveryStatus, DestinationKind, DestinationState, TenantStatus } from "../generated/prisma/enums";
import {
  jsonObject,
  toCanonicalLead,
  type CanonicalLeadDto,
  type LeadRowForDelivery,
  type TouchpointRowForDelivery,
} from "./canonical-lead";
import type { DestinationHealth } from "./destination.repository";
import { DELIVER_TASK } from "./delivery-outbox";

// ---------------------------------------------------------------- DTOs

/** Everything the worker needs for one delivery, read in one query. */
export interface DeliveryWorkItem {
  id: string;
  tenantId: string;
  leadId: string;
  tenantStatus: TenantStatus;
  status: DeliveryStatus;
  attemptCount: number;
  idempotencyKey: string;
  destination: {
    id: string;
    kind: DestinationKind;
    name: string;
    config: Record<string, unknown>;
    secretsCiphertext: string | null;
    state: DestinationState;
  };
  lead: CanonicalLeadDto;
  /**
   * The oldest delivery of the same lead to the same destination, captured before this one
   * and still on its way, as `earlierUnfinished` finds it; null when there is none.
   */
  earlierUnfinished: { id: string; nextAttemptAt: Date | null } | null;
}

/** What a successful attempt's write found and did (`finishSuccessfulAttempt`). */
export interface SuccessfulAttemptResult {
  /** The delivery's status before this write (DELIVERED or ACCEPTED: another run got through first). */
  previousStatus: DeliveryStatus;
  /** The destination's health as the write saw it (not locked), to tell whether it needs updating. */
  health: DestinationHealth;
}

/** The interrupted attempt's error (a worker died while the adapter was being called). */
const INTERRUPTED_ERROR =
  "The worker stopped during this attempt; the lead may have reached the destination, so it was sent again with the same idempotency key.";

/** A cuid-like id (letters and digits, time-ordered prefix) for rows written with raw SQL. */
function newId(): string {
  return `c${Date.now().toString(36)}${randomBytes(10).toString("hex")}`;
}

interface WorkItemRow {
  id: string;
  tenantId: string;
  leadId: string;
  status: DeliveryStatus;
  attemptCount: number;
  idempotencyKey: string;
  tenantStatus: TenantStatus;
  destId: string;
  destKind: DestinationKind;
  destName: string;
  destConfig: Prisma.JsonValue;
  destSecretsCiphertext: string | null;
  destState: DestinationState;
  offerRef: string | null;
  offerTitle: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  country: string | null;
  company: string | null;
  title: string | null;
  leadSource: string | null;
  leadAction: string | null;
  description: string | null;
  leadIsTest: boolean;
  isPrivacyRedacted: boolean;
  privacyReason: string | null;
  offerPublisherId: string | null;
  offerOfferId: string | null;
  offerOfferTitle: string | null;
  tpSource: string | null;
  tpAction: string | null;
  tpReceivedAt: Date;
  tpExtraFields: Prisma.JsonValue | null;
  tpIsTest: boolean;
  earlierId: string | null;
  earlierNextAttemptAt: Date | null;
}

export interface DeliveryAttemptDto {
  id: string;
  startedAt: Date;
  durationMs: number;
  /** `delivered`, `accepted`, `retryable`, `permanent_failure`, `auth_invalid`, `in_progress`, `interrupted`. */
  outcome: string;
  httpStatus: number | null;
  responseExcerpt: string | null;
  error: string | null;
}

export interface DeliveryDto {
  id: string;
  leadId: string;
  touchpointId: string;
  destinationId: string;
  status: DeliveryStatus;
  attemptCount: number;
  /** Sent with every attempt (e.g. as `webhook-id`) so receivers can drop duplicates. */
  idempotencyKey: string;
  nextAttemptAt: Date | null;
  lastError: string | null;
  externalId: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  attempts: DeliveryAttemptDto[];
}

export interface DestinationDeliveryDto extends DeliveryDto {
  lead: {
    id: string;
    firstName: string | null;
    lastName: string | null;
    email: string | null;
    company: string | null;
    isTest: boolean;
    isPrivacyRedacted: boolean;
  };
}

export interface LeadDeliveryDto extends DeliveryDto {
  destination: { id: string; name: string; kind: DestinationKind; state: DestinationState };
}

export interface DeliveryPage<T> {
  items: T[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** The attempts shown per delivery in lists; the full log is on the lead page. */
const ATTEMPTS_PER_DELIVERY = 20;

const attemptSelect = {
  id: true,
  startedAt: true,
  durationMs: true,
  outcome: true,
  httpStatus: true,
  responseExcerpt: true,
  error: true,
} as const satisfies Prisma.DeliveryAttemptSelect;

const deliverySelect = {
  id: true,
  leadId: true,
  touchpointId: true,
  destinationId: true,
  status: true,
  attemptCount: true,
  idempotencyKey: true,
  nextAttemptAt: true,
  lastError: true,
  externalId: true,
  deliveredAt: true,
  createdAt: true,
  attempts: { select: attemptSelect, orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: ATTEMPTS_PER_DELIVERY },
} as const satisfies Prisma.DeliverySelect;

/** Keyset cursor over (createdAt desc, id desc): `<ms since epoch>_<id>`. */
function encodeCursor(row: { createdAt: Date; id: string }): string {
  return `${row.createdAt.getTime()}_${row.id}`;
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const match = /^(\d{1,15})_([A-Za-z0-9]{1,64})$/.exec(cursor);
  return match ? { createdAt: new Date(Number(match[1])), id: match[2]! } : null;
}

/** Failed and held deliveries go back in the queue through this; anything else is left alone. */
export type ReplayResult =
  | { ok: true; status: "PENDING" | "HELD"; destinationId: string }
  | { ok: false; reason: "notFound" }
  | { ok: false; reason: "notFailed"; status: DeliveryStatus };

const QUEUED: DeliveryStatus[] = ["PENDING", "RETRYING"];

/** Where a backlog drains: one serial job queue per destination keeps capture order. */
export const destinationQueueName = (destinationId: string) => `destination:${destinationId}`;

const jobKey = (deliveryId: string) => `delivery:${deliveryId}`;

// ---------------------------------------------------------------- repository

export class DeliveryRepository {
  constructor(private readonly db: DbTx) {}

  /**
   * The delivery with its destination, tenant status, canonical lead and the earlier
   * unfinished delivery it must wait behind (if any), in one statement; null if it no
   * longer exists. The lead columns are those of `leadForDeliverySelect` and
   * `touchpointForDeliverySelect` (the typed rows below fail to compile if they drift).
   */
  async loadWorkItem(deliveryId: string): Promise<DeliveryWorkItem | null> {
    const rows = await this.db.$queryRaw<WorkItemRow[]>`
      SELECT d.id, d."tenantId", d."leadId", d.status, d."attemptCount", d."idempotencyKey",
             t.status AS "tenantStatus",
             dest.id AS "destId", dest.kind AS "destKind", dest.name AS "destName", dest.config AS "destConfig",
             dest."secretsCiphertext" AS "destSecretsCiphertext", dest.state AS "destState",
             l."offerRef", l."offerTitle", l."firstName", l."lastName", l.email, l.phone, l.country, l.company, l.title,
             l.source AS "leadSource", l.action AS "leadAction", l.description, l."isTest" AS "leadIsTest",
             l."isPrivacyRedacted", l."privacyReason",
             o."publisherId" AS "offerPublisherId", o."offerId" AS "offerOfferId", o.title AS "offerOfferTitle",
             tp.source AS "tpSource", tp.action AS "tpAction", tp."receivedAt" AS "tpReceivedAt",
             tp."extraFields" AS "tpExtraFields", tp."isTest" AS "tpIsTest",
             e.id AS "earlierId", e."nextAttemptAt" AS "earlierNextAttemptAt"
        FROM "Delivery" d
        JOIN "Lead" l ON l.id = d."leadId"
        JOIN "Tenant" t ON t.id = l."tenantId"
        JOIN "Touchpoint" tp ON tp.id = d."touchpointId"
        JOIN "Destination" dest ON dest.id = d."destinationId"
        LEFT JOIN "Offer" o ON o.id = l."offerId"
        LEFT JOIN LATERAL (
          SELECT e.id, e."nextAttemptAt"
            FROM "Delivery" e
           WHERE e."leadId" = d."leadId" AND e."destinationId" = d."destinationId"
             AND (e."createdAt", e.id) < (d."createdAt", d.id)
             AND e.status IN ('PENDING', 'RETRYING', 'HELD')
           ORDER BY e."createdAt", e.id
           LIMIT 1
        ) e ON true
       WHERE d.id = ${deliveryId}`;
    const row = rows[0];
    if (!row) return null;
    const lead: LeadRowForDelivery = {
      offerRef: row.offerRef,
      offerTitle: row.offerTitle,
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email,
      phone: row.phone,
      country: row.country,
      company: row.company,
      title: row.title,
      source: row.leadSource,
      action: row.leadAction,
      description: row.description,
      isTest: row.leadIsTest,
      isPrivacyRedacted: row.isPrivacyRedacted,
      privacyReason: row.privacyReason,
      offer:
        row.offerPublisherId !== null && row.offerOfferId !== null && row.offerOfferTitle !== null
          ? { publisherId: row.offerPublisherId, offerId: row.offerOfferId, title: row.offerOfferTitle }
          : null,
    };
    const touchpoint: TouchpointRowForDelivery = {
      source: row.tpSource,
      action: row.tpAction,
      receivedAt: row.tpReceivedAt,
      extraFields: row.tpExtraFields,
      isTest: row.tpIsTest,
    };
    return {
      id: row.id,
      tenantId: row.tenantId,
      leadId: row.leadId,
      tenantStatus: row.tenantStatus,
      status: row.status,
      attemptCount: row.attemptCount,
      idempotencyKey: row.idempotencyKey,
      destination: {
        id: row.destId,
        kind: row.destKind,
        name: row.destName,
        config: jsonObject(row.destConfig),
        secretsCiphertext: row.destSecretsCiphertext,
        state: row.destState,
      },
      lead: toCanonicalLead(lead, touchpoint),
      earlierUnfinished: row.earlierId !== null ? { id: row.earlierId, nextAttemptAt: row.earlierNextAttemptAt } : null,
    };
  }

  async tenantStatus(tenantId: string): Promise<TenantStatus | null> {
    return (await this.db.tenant.findUnique({ where: { id: tenantId }, select: { status: true } }))?.status ?? null;
  }

  /** Current status, locked for the rest of the transaction (the worker's final write). */
  async lockStatus(deliveryId: string): Promise<DeliveryStatus | null> {
    const rows = await this.db.$queryRaw<{ status: DeliveryStatus }[]>`
      SELECT status FROM "Delivery" WHERE id = ${deliveryId} FOR NO KEY UPDATE`;
    return rows[0]?.status ?? null;
  }

  /**
   * Opens an attempt before the adapter is called, so a crash leaves a trace:
   * earlier attempts still `in_progress` belonged to a worker that died, and are
   * marked `interrupted`. Returns the new attempt's id and number; null if the delivery
   * no longer exists. One statement, so all three writes happen or none.
   */
  async startAttempt(deliveryId: string, tenantId: string, startedAt: Date): Promise<{ attemptId: string; attemptNumber: number } | null> {
    const rows = await this.db.$queryRaw<{ attemptId: string; attemptNumber: number }[]>`
      WITH interrupted AS (
        UPDATE "DeliveryAttempt" SET outcome = 'interrupted', error = ${INTERRUPTED_ERROR}
         WHERE "deliveryId" = ${deliveryId} AND outcome = 'in_progress'
      ), counted AS (
        UPDATE "Delivery" SET "attemptCount" = "attemptCount" + 1, "updatedAt" = ${new Date()}
         WHERE id = ${deliveryId}
        RETURNING "attemptCount"
      ), opened AS (
        INSERT INTO "DeliveryAttempt" (id, "deliveryId", "tenantId", "startedAt", "durationMs", outcome)
        SELECT ${newId()}, ${deliveryId}, ${tenantId}, ${startedAt}::timestamp(3), 0, 'in_progress' FROM counted
        RETURNING id
      )
      SELECT opened.id AS "attemptId", counted."attemptCount" AS "attemptNumber" FROM opened, counted`;
    const row = rows[0];
    return row ? { attemptId: row.attemptId, attemptNumber: Number(row.attemptNumber) } : null;
  }

  /**
   * Records a successful attempt and marks the delivery DELIVERED or ACCEPTED (unless
   * another run already did) in one statement, and reads the destination's health as it
   * stands, unlocked: the caller updates it only when this success changes it
   * (`DestinationRepository.recordSuccess`). Null when the delivery or destination is gone.
   */
  async finishSuccessfulAttempt(
    attemptId: string,
    deliveryId: string,
    destinationId: string,
    result: {
      durationMs: number;
      outcome: "delivered" | "accepted";
      httpStatus?: number | null;
      responseExcerpt?: string | null;
      status: "DELIVERED" | "ACCEPTED";
      externalId?: string | null;
      at: Date;
    },
  ): Promise<SuccessfulAttemptResult | null> {
    const rows = await this.db.$queryRaw<(DestinationHealth & { previousStatus: DeliveryStatus | null })[]>`
      WITH attempt AS (
        UPDATE "DeliveryAttempt"
           SET "durationMs" = ${Math.max(0, Math.round(result.durationMs))}, outcome = ${result.outcome},
               "httpStatus" = ${result.httpStatus ?? null}::int, "responseExcerpt" = ${result.responseExcerpt ?? null}::text, error = NULL
         WHERE id = ${attemptId}
      ), delivered AS (
        UPDATE "Delivery"
           SET status = ${result.status}::"DeliveryStatus", "externalId" = ${result.externalId ?? null}::text,
               "deliveredAt" = ${result.at}, "nextAttemptAt" = NULL, "lastError" = NULL, "updatedAt" = ${new Date()}
         WHERE id = ${deliveryId} AND status NOT IN ('DELIVERED', 'ACCEPTED')
      )
      SELECT (SELECT status FROM "Delivery" WHERE id = ${deliveryId}) AS "previousStatus",
             dest.state, dest."consecutiveFailures", dest."lastSuccessAt", dest."lastFailureAt", dest."pausedAt", dest."failingSince"
        FROM "Destination" dest
       WHERE dest.id = ${destinationId}`;
    const row = rows[0];
    if (!row || row.previousStatus === null) return null;
    const { previousStatus, ...health } = row;
    return { previousStatus, health };
  }

  async finishAttempt(
    attemptId: string,
    result: { durationMs: number; outcome: string; httpStatus?: number | null; responseExcerpt?: string | null; error?: string | null },
  ): Promise<void> {
    await this.db.deliveryAttempt.update({
      where: { id: attemptId },
      data: {
        durationMs: Math.max(0, Math.round(result.durationMs)),
        outcome: result.outcome,
        httpStatus: result.httpStatus ?? null,
        responseExcerpt: result.responseExcerpt ?? null,
        error: result.error ?? null,
      },
      select: { id: true },
    });
  }

  async markDelivered(deliveryId: string, input: { status: "DELIVERED" | "ACCEPTED"; externalId?: string | null; at: Date }): Promise<void> {
    await this.db.delivery.update({
      where: { id: deliveryId },
      data: { status: input.status, externalId: input.externalId ?? null, deliveredAt: input.at, nextAttemptAt: null, lastError: null },
      select: { id: true },
    });
  }

  async markRetrying(deliveryId: string, input: { nextAttemptAt: Date; error: string }): Promise<void> {
    await this.db.delivery.update({
      where: { id: deliveryId },
      data: { status: "RETRYING", nextAttemptAt: input.nextAttemptAt, lastError: input.error },
      select: { id: true },
    });
    await this.enqueue([deliveryId], { runAt: input.nextAttemptAt });
  }

  /**
   * The oldest delivery of the same lead to the same destination, captured before this one,
   * that is still on its way (PENDING, RETRYING or HELD); null when there is none. A lead's
   * touchpoints reach a destination in the order they were captured.
   */
  async earlierUnfinished(deliveryId: string): Promise<{ id: string; nextAttemptAt: Date | null } | null> {
    const rows = await this.db.$queryRaw<{ id: string; nextAttemptAt: Date | null }[]>`
      SELECT e.id, e."nextAttemptAt"
        FROM "Delivery" d
        JOIN "Delivery" e ON e."leadId" = d."leadId" AND e."destinationId" = d."destinationId"
       WHERE d.id = ${deliveryId}
         AND (e."createdAt", e.id) < (d."createdAt", d.id)
         AND e.status IN ('PENDING', 'RETRYING', 'HELD')
       ORDER BY e."createdAt", e.id
       LIMIT 1`;
    return rows[0] ?? null;
  }

  /** Runs the delivery's job again at `runAt`, without an attempt or a change of status (it waits behind an earlier one). */
  async deferUntil(deliveryId: string, runAt: Date): Promise<void> {
    await this.enqueue([deliveryId], { runAt });
  }

  async markFailed(deliveryId: string, error: string): Promise<void> {
    await this.db.delivery.update({
      where: { id: deliveryId },
      data: { status: "FAILED", nextAttemptAt: null, lastError: error },
      select: { id: true },
    });
  }

  /** Parks a delivery (destination paused or disabled, tenant suspended); resuming queues it again. */
  async markHeld(deliveryId: string, error?: string): Promise<void> {
    await this.db.delivery.update({
      where: { id: deliveryId },
      data: { status: "HELD", nextAttemptAt: null, ...(error !== undefined ? { lastError: error } : {}) },
      select: { id: true },
    });
  }

  /** PENDING and RETRYING deliveries of the destination become HELD and lose their jobs. */
  async holdQueuedForDestination(destinationId: string): Promise<number> {
    const queued = await this.db.delivery.findMany({
      where: { destinationId, status: { in: QUEUED } },
      select: { id: true },
    });
    if (queued.length === 0) return 0;
    const ids = queued.map((d) => d.id);
    await this.db.delivery.updateMany({ where: { id: { in: ids } }, data: { status: "HELD", nextAttemptAt: null } });
    await this.removeJobs(ids);
    return ids.length;
  }

  /** HELD deliveries of the destination go back in the queue, oldest capture first. */
  async releaseHeldForDestination(destinationId: string): Promise<number> {
    const held = await this.db.delivery.findMany({
      where: { destinationId, status: "HELD" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    return this.requeue(destinationId, held.map((d) => d.id));
  }

  /**
   * After a suspended tenant is reactivated: its HELD deliveries to destinations that
   * are not paused or disabled are queued again, in capture order per destination.
   */
  async releaseHeldForTenant(tenantId: string): Promise<number> {
    const held = await this.db.delivery.findMany({
      where: { tenantId, status: "HELD", destination: { state: { in: ["ACTIVE", "FAILING"] } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, destinationId: true },
    });
    const byDestination = new Map<string, string[]>();
    for (const d of held) byDestination.set(d.destinationId, [...(byDestination.get(d.destinationId) ?? []), d.id]);
    let released = 0;
    for (const [destinationId, ids] of byDestination) released += await this.requeue(destinationId, ids);
    return released;
  }

  /**
   * Deliveries that should be moving but are not, queued again (oldest first, at most
   * `limit`): HELD although their destination runs and their tenant is active (a lead
   * captured just as its destination was resumed), and PENDING or RETRYING without a live
   * job (their job failed for good, e.g. the database was down through all its retries).
   * Only rows untouched since `olderThan`, so nothing in flight is disturbed.
   */
  async requeueStranded(olderThan: Date, limit = 500): Promise<number> {
    const rows = await this.db.$queryRaw<{ id: string; destinationId: string }[]>`
      SELECT d.id, d."destinationId"
        FROM "Delivery" d
        JOIN "Destination" dest ON dest.id = d."destinationId"
        JOIN "Tenant" t ON t.id = d."tenantId"
       WHERE d."updatedAt" < ${olderThan}
         AND dest.state IN ('ACTIVE', 'FAILING')
         AND t.status = 'ACTIVE'
         AND (
           d.status = 'HELD'
           OR (d.status IN ('PENDING', 'RETRYING') AND NOT EXISTS (
             SELECT 1 FROM graphile_worker.jobs j
              WHERE j.key = 'delivery:' || d.id AND (j.locked_at IS NOT NULL OR j.attempts < j.max_attempts)))
         )
       ORDER BY d."createdAt", d.id
       LIMIT ${limit}`;
    const byDestination = new Map<string, string[]>();
    for (const row of rows) byDestination.set(row.destinationId, [...(byDestination.get(row.destinationId) ?? []), row.id]);
    let queued = 0;
    for (const [destinationId, ids] of byDestination) {
      queued += await this.requeue(destinationId, ids, ["HELD", "PENDING", "RETRYING"], { resetAttempts: false });
    }
    return queued;
  }

  /** Replays one FAILED delivery with its idempotency key unchanged (HELD instead if its destination is stopped). */
  async replayOne(tenantId: string, deliveryId: string): Promise<ReplayResult> {
    const delivery = await this.db.delivery.findFirst({
      where: { id: deliveryId, tenantId },
      select: { id: true, status: true, destinationId: true, destination: { select: { state: true } } },
    });
    if (!delivery) return { ok: false, reason: "notFound" };
    if (delivery.status !== "FAILED") return { ok: false, reason: "notFailed", status: delivery.status };
    const stopped = delivery.destination.state === "PAUSED" || delivery.destination.state === "DISABLED";
    if (stopped) {
      await this.db.delivery.update({ where: { id: deliveryId }, data: { status: "HELD", attemptCount: 0, nextAttemptAt: null }, select: { id: true } });
      return { ok: true, status: "HELD", destinationId: delivery.destinationId };
    }
    await this.requeue(delivery.destinationId, [deliveryId], ["FAILED"]);
    return { ok: true, status: "PENDING", destinationId: delivery.destinationId };
  }

  /** Replays every FAILED delivery of the destination, in capture order; returns how many. */
  async replayFailedForDestination(tenantId: string, destinationId: string, destinationState: DestinationState): Promise<{ queued: number; held: number }> {
    const failed = await this.db.delivery.findMany({
      where: { tenantId, destinationId, status: "FAILED" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    const ids = failed.map((d) => d.id);
    if (destinationState === "PAUSED" || destinationState === "DISABLED") {
      const { count } = await this.db.delivery.updateMany({
        where: { id: { in: ids }, status: "FAILED" },
        data: { status: "HELD", attemptCount: 0, nextAttemptAt: null },
      });
      return { queued: 0, held: count };
    }
    return { queued: await this.requeue(destinationId, ids, ["FAILED"]), held: 0 };
  }

  /** A destination's deliveries, newest first, with their latest attempts; keyset paged. */
  async listForDestination(
    tenantId: string,
    destinationId: string,
    page: { cursor?: string | null; limit: number; status?: DeliveryStatus },
  ): Promise<DeliveryPage<DestinationDeliveryDto>> {
    const after = page.cursor ? decodeCursor(page.cursor) : null;
    const rows = await this.db.delivery.findMany({
      where: {
        tenantId,
        destinationId,
        ...(page.status ? { status: page.status } : {}),
        ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: page.limit + 1,
      select: {
        ...deliverySelect,
        lead: { select: { id: true, firstName: true, lastName: true, email: true, company: true, isTest: true, isPrivacyRedacted: true } },
      },
    });
    const items = rows.slice(0, page.limit);
    return { items, nextCursor: rows.length > page.limit ? encodeCursor(items[items.length - 1]!) : null };
  }

  /** Every delivery of the lead (one per touchpoint and destination), oldest first. Null if the lead is not the tenant's. */
  async listForLead(tenantId: string, leadId: string): Promise<LeadDeliveryDto[] | null> {
    const lead = await this.db.lead.findFirst({ where: { id: leadId, tenantId }, select: { id: true } });
    if (!lead) return null;
    return this.db.delivery.findMany({
      where: { tenantId, leadId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { ...deliverySelect, destination: { select: { id: true, name: true, kind: true, state: true } } },
    });
  }

  async removeJobsForDestination(destinationId: string): Promise<void> {
    const rows = await this.db.delivery.findMany({ where: { destinationId, status: { in: QUEUED } }, select: { id: true } });
    await this.removeJobs(rows.map((r) => r.id));
  }

  /**
   * Resets the deliveries to PENDING (only from the `from` statuses) and queues them in this
   * order. A replay or resume starts the retry schedule afresh (`resetAttempts`).
   */
  private async requeue(
    destinationId: string,
    ids: string[],
    from: DeliveryStatus[] = ["HELD"],
    options: { resetAttempts: boolean } = { resetAttempts: true },
  ): Promise<number> {
    if (ids.length === 0) return 0;
    const { count } = await this.db.delivery.updateMany({
      where: { id: { in: ids }, status: { in: from } },
      data: { status: "PENDING", nextAttemptAt: null, ...(options.resetAttempts ? { attemptCount: 0 } : {}) },
    });
    await this.enqueue(ids, { queueName: destinationQueueName(destinationId) });
    return count;
  }

  /**
   * One job per delivery (job key `delivery:<id>`, as the capture outbox uses). In one
   * named queue the jobs run one at a time in the order given; a job already running
   * keeps running and a fresh one is added (graphile-worker's job_key semantics).
   */
  private async enqueue(ids: string[], options: { queueName?: string; runAt?: Date }): Promise<void> {
    if (ids.length === 0) return;
    const specs = ids.map((id) => ({ identifier: DELIVER_TASK, payload: { deliveryId: id }, job_key: jobKey(id) }));
    await this.db.$executeRaw`
      SELECT graphile_worker.add_jobs(
        ARRAY(
          SELECT ROW(
            spec->>'identifier',
            spec->'payload',
            ${options.queueName ?? null}::text,
            -- graphile-worker orders ready jobs by (priority, run_at) only: a microsecond apart keeps this order.
            coalesce(${options.runAt ?? null}::timestamptz, now()) + (n - 1) * interval '1 microsecond',
            10,
            spec->>'job_key',
            NULL,
            NULL
          )::graphile_worker.job_spec
          FROM json_array_elements(${JSON.stringify(specs)}::json) WITH ORDINALITY AS s(spec, n)
          ORDER BY n
        )
      )`;
  }

  private async removeJobs(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.$executeRaw`
      SELECT graphile_worker.remove_job(k) FROM unnest(${ids.map(jobKey)}::text[]) AS k`;
  }
}

/**
 * Releases a reactivated tenant's HELD deliveries (the admin console calls it when a
 * suspended tenant becomes ACTIVE again). Returns how many were queued. Given a client
 * rather than a transaction, it opens one: statuses and jobs change together.
 */
export function releaseHeldDeliveries(db: Db | DbTx, tenantId: string): Promise<number> {
  if ("$transaction" in db) return db.$transaction((tx) => new DeliveryRepository(tx).releaseHeldForTenant(tenantId));
  return new DeliveryRepository(db).releaseHeldForTenant(tenantId);
}
