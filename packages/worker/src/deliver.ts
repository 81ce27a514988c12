import {
  AuditRepository,
  DeliveryRepository,
  DestinationRepository,
  type Db,
  type DeliveryStatus,
  type DestinationHealth,
  type DestinationState,
  type TenantStatus,
} from "@leadrelay/db";
import { retryDelayForOutcome } from "@leadrelay/destinations";
import type { Lead } from "@leadrelay/leads";
import { callDestination } from "./call-destination";
import { healthEventOf, nextHealth, truncateReason } from "./health";
import { notifyAdmins, type DestinationNotice } from "./notify";
import type { DeliverySettings } from "./settings";

export interface DeliverDeps {
  db: Db;
  settings: DeliverySettings;
  fetch?: typeof fetch;
  /** Aborts the destination call (worker shutdown). */
  abortSignal?: AbortSignal;
  now?: () => Date;
  /** Jitter source for retry delays. */
  random?: () => number;
  log?: (level: "info" | "warn" | "error", message: string) => void;
}

/** What the `deliver` job did. */
export type DeliverResult = "missing" | "skipped" | "held" | "waiting" | "delivered" | "accepted" | "retrying" | "failed";

/** How often a delivery waiting behind an earlier touchpoint of its lead looks again (at the earliest). */
const WAIT_BEHIND_MS = 500;

const FINISHED: DeliveryStatus[] = ["DELIVERED", "ACCEPTED", "FAILED"];
const SUCCEEDED: DeliveryStatus[] = ["DELIVERED", "ACCEPTED"];

/** Deliveries wait (HELD) while their tenant is suspended or their destination paused or disabled. */
function isStopped(tenantStatus: TenantStatus, destinationState: DestinationState): boolean {
  return tenantStatus === "SUSPENDED" || destinationState === "PAUSED" || destinationState === "DISABLED";
}

/**
 * How stale `lastSuccessAt` may get on a destination that keeps succeeding: within this of
 * the latest success it is left as is, so a busy healthy destination's row is not rewritten
 * (and contended) by every delivery.
 */
export const LAST_SUCCESS_FRESH_MS = 1_000;

/** Whether a success at `at` changes the destination's health (`nextHealth`'s success rule). */
export function successChangesHealth(health: DestinationHealth, at: Date): boolean {
  return (
    health.state === "FAILING" ||
    health.consecutiveFailures !== 0 ||
    health.failingSince !== null ||
    health.lastSuccessAt === null ||
    health.lastSuccessAt.getTime() < at.getTime() - LAST_SUCCESS_FRESH_MS
  );
}

/**
 * The `deliver` job: one attempt to hand one touchpoint of a lead to one destination.
 *
 * The attempt is opened before the adapter is called (a crash leaves it `in_progress`,
 * shown as interrupted later). A success is then recorded with the delivery's new status in
 * one statement, and the destination's health updated by one atomic statement only when the
 * success changes it (no lock: deliveries to one destination run side by side). A failure's
 * outcome, the delivery's next status, its retry job and the destination's health are
 * written in one transaction under the destination's lock, so the failure count, pausing and
 * the admins' notices are exact. A job run again after a crash calls the adapter again with
 * the same idempotency key: at most one extra delivery, which the receiver can recognise.
 */
export async function deliver(deliveryId: string, deps: DeliverDeps): Promise<DeliverResult> {
  const { db, settings } = deps;
  const now = deps.now ?? (() => new Date());
  const repository = new DeliveryRepository(db);
  const item = await repository.loadWorkItem(deliveryId);
  if (!item) return "missing";
  if (FINISHED.includes(item.status)) return "skipped";

  if (isStopped(item.tenantStatus, item.destination.state)) {
    // No attempt and no retry: resuming the destination (or reactivating the tenant) queues it again.
    // Checked again under the destination's lock, so a resume that just happened is not missed.
    const held = await db.$transaction(async (tx) => {
      const health = await new DestinationRepository(tx).lockHealth(item.destination.id);
      const tenantStatus = await new DeliveryRepository(tx).tenantStatus(item.tenantId);
      if (!health || !tenantStatus || !isStopped(tenantStatus, health.state)) return false;
      const deliveries = new DeliveryRepository(tx);
      const status = await deliveries.lockStatus(deliveryId);
      if (status && !FINISHED.includes(status)) await deliveries.markHeld(deliveryId);
      return true;
    });
    if (held) return "held";
  }

  // A lead's touchpoints reach a destination in capture order: after an outage, the customer's
  // "Contact me" must not arrive after their later "Get it now". Wait behind an earlier one
  // still on its way (no attempt is counted); it is retried on its own schedule.
  // (`loadWorkItem` looked for it, as `earlierUnfinished` does.)
  const earlier = item.earlierUnfinished;
  if (earlier) {
    const runAt = Math.max(now().getTime() + WAIT_BEHIND_MS, earlier.nextAttemptAt?.getTime() ?? 0);
    await repository.deferUntil(deliveryId, new Date(runAt));
    return "waiting";
  }

  const startedAt = now();
  const opened = await repository.startAttempt(deliveryId, item.tenantId, startedAt);
  if (!opened) return "missing";
  const { attemptId, attemptNumber } = opened;
  const lead: Lead = item.lead;
  const appUrl = settings.publicUrl ? `${settings.publicUrl}/leads/${item.leadId}` : undefined;
  const { outcome, durationMs } = await callDestination(item.destination, lead, {
    idempotencyKey: item.idempotencyKey,
    attempt: attemptNumber,
    now: startedAt,
    settings,
    ...(appUrl ? { appUrl } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.abortSignal ? { abortSignal: deps.abortSignal } : {}),
  });
  const finishedAt = now();

  if (outcome.kind === "delivered" || outcome.kind === "accepted") {
    // Marked delivered even if the destination was paused meanwhile (the lead got there);
    // left as is if another run of this delivery got through first.
    const written = await repository.finishSuccessfulAttempt(attemptId, deliveryId, item.destination.id, {
      durationMs,
      outcome: outcome.kind,
      httpStatus: outcome.httpStatus ?? null,
      responseExcerpt: outcome.responseExcerpt ?? null,
      status: outcome.kind === "delivered" ? "DELIVERED" : "ACCEPTED",
      externalId: outcome.kind === "delivered" ? (outcome.externalId ?? null) : null,
      at: finishedAt,
    });
    if (!written) return "missing";
    if (successChangesHealth(written.health, finishedAt)) {
      await new DestinationRepository(db).recordSuccess(item.destination.id, finishedAt, LAST_SUCCESS_FRESH_MS);
    }
    return outcome.kind;
  }

  const { result, notice } = await db.$transaction(async (tx) => {
    const deliveries = new DeliveryRepository(tx);
    const destinations = new DestinationRepository(tx);
    // Destination first, then delivery: the same lock order as pausing, so no deadlock.
    const health = await destinations.lockHealth(item.destination.id);
    const status = await deliveries.lockStatus(deliveryId);
    if (!health || !status) return { result: "missing" as const, notice: null };

    const reason = outcome.reason;
    await deliveries.finishAttempt(attemptId, {
      durationMs,
      outcome: outcome.kind,
      httpStatus: outcome.httpStatus ?? null,
      responseExcerpt: outcome.responseExcerpt ?? null,
      error: reason,
    });

    const change = nextHealth(health, healthEventOf(outcome, finishedAt), settings);
    await destinations.saveHealth(item.destination.id, change.patch);

    let result: DeliverResult;
    if (SUCCEEDED.includes(status)) {
      // Another run of this delivery got through meanwhile; this failure changes nothing.
      result = "skipped";
    } else if (outcome.kind === "retryable") {
      const stopped = change.paused || health.state === "PAUSED" || health.state === "DISABLED" || status === "HELD";
      const delay = retryDelayForOutcome(attemptNumber, outcome, deps.random);
      if (stopped) {
        await deliveries.markHeld(deliveryId, truncateReason(outcome.reason));
        result = "held";
      } else if (delay === null) {
        await deliveries.markFailed(deliveryId, truncateReason(`Gave up after ${attemptNumber} attempts: ${outcome.reason}`));
        result = "failed";
      } else {
        const nextAttemptAt = new Date(finishedAt.getTime() + Math.max(1, Math.round(delay * settings.retryScale)));
        await deliveries.markRetrying(deliveryId, { nextAttemptAt, error: truncateReason(outcome.reason) });
        result = "retrying";
      }
    } else {
      await deliveries.markFailed(deliveryId, truncateReason(outcome.reason));
      result = "failed";
    }

    let notice: DestinationNotice | null = null;
    const about = { tenantId: item.tenantId, destinationId: item.destination.id, destinationName: item.destination.name, reason };
    if (change.paused) {
      const failures = change.patch.consecutiveFailures ?? health.consecutiveFailures;
      const held = await deliveries.holdQueuedForDestination(item.destination.id);
      await new AuditRepository(tx).record({
        tenantId: item.tenantId,
        actorId: null,
        action: "destination.paused",
        targetType: "destination",
        targetId: item.destination.id,
        data: {
          automatic: true,
          consecutiveFailures: failures,
          reason: truncateReason(about.reason),
          heldDeliveries: held,
          ...(change.pausedBecause === "failing_days" ? { failingSince: health.failingSince ?? finishedAt } : {}),
        },
      });
      notice = {
        ...about,
        kind: "paused",
        consecutiveFailures: failures,
        ...(change.pausedBecause === "failing_days" ? { failingSince: health.failingSince ?? finishedAt } : {}),
      };
    } else if (change.notifyAtFailures !== null) {
      notice = { ...about, kind: "failing", consecutiveFailures: change.notifyAtFailures };
    }
    return { result, notice };
  });

  if (notice) {
    try {
      await notifyAdmins(db, notice, settings.publicUrl);
    } catch (error) {
      deps.log?.("warn", `Could not e-mail the admins about destination ${notice.destinationId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return result;
}

