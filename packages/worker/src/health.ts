import type { DestinationHealth, DestinationState } from "@leadrelay/db";
import { isFailureNotificationDue, shouldPauseDestination, type DeliveryOutcome } from "@leadrelay/destinations";

/** What one call to a destination tells about its health. */
export type HealthEvent =
  | { kind: "success"; at: Date }
  | {
      kind: "failure";
      at: Date;
      reason: string;
      /**
       * Retryable failures and rejected credentials say the destination is broken; a
       * permanent failure (e.g. a 400 for one lead's data) says nothing about the next lead.
       */
      countsTowardPause: boolean;
      /** The receiver asked us to stop (410 Gone). */
      pauseNow: boolean;
    };

export interface HealthChange {
  patch: {
    state?: DestinationState;
    consecutiveFailures?: number;
    lastSuccessAt?: Date;
    lastFailureAt?: Date;
    lastFailureReason?: string;
    pausedAt?: Date;
    failingSince?: Date | null;
  };
  /** This event paused the destination: hold its deliveries, audit, tell the admins. */
  paused: boolean;
  /** Why it paused: too many failures in a row, days of nothing but failures, or the receiver's 410. */
  pausedBecause?: "consecutive_failures" | "failing_days" | "gone";
  /** The consecutive failure count when it calls for a notice to the tenant's admins, else null. */
  notifyAtFailures: number | null;
}

const RUNNING: DestinationState[] = ["ACTIVE", "FAILING"];

/** LEADRELAY_PAUSE_AFTER_FAILING_DAYS's default. */
export const DEFAULT_PAUSE_AFTER_FAILING_DAYS = 5;
const DAY_MS = 24 * 3600 * 1000;

export interface HealthRules {
  /** Days of nothing but failures after which a running destination is paused. */
  pauseAfterFailingDays?: number;
}

/** Where the reason is stored and shown; long answers are cut (the attempt keeps the excerpt). */
const MAX_REASON_LENGTH = 500;

export function truncateReason(reason: string): string {
  return reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason;
}

/** The health event of a delivery outcome. */
export function healthEventOf(outcome: DeliveryOutcome, at: Date): HealthEvent {
  switch (outcome.kind) {
    case "delivered":
    case "accepted":
      return { kind: "success", at };
    case "retryable":
    case "auth_invalid":
      return { kind: "failure", at, reason: outcome.reason, countsTowardPause: true, pauseNow: false };
    case "permanent_failure":
      return { kind: "failure", at, reason: outcome.reason, countsTowardPause: false, pauseNow: outcome.httpStatus === 410 };
  }
}

/**
 * The destination's next health. Success clears the failure count and `failingSince` and
 * brings a failing destination back to ACTIVE (never a paused or disabled one: resuming is
 * the tenant's decision, and it replays the backlog). Failures that say the destination is
 * broken make it FAILING, start `failingSince` (the first of the run), and PAUSED once
 * they reach the threshold in a row or the destination has done nothing but fail for
 * `pauseAfterFailingDays` days (a destination with few leads fails rarely, but for good).
 */
export function nextHealth(current: DestinationHealth, event: HealthEvent, rules: HealthRules = {}): HealthChange {
  if (event.kind === "success") {
    return {
      patch: {
        consecutiveFailures: 0,
        lastSuccessAt: event.at,
        ...(current.failingSince !== null ? { failingSince: null } : {}),
        ...(current.state === "FAILING" ? { state: "ACTIVE" as const } : {}),
      },
      paused: false,
      notifyAtFailures: null,
    };
  }
  const running = RUNNING.includes(current.state);
  const failures = event.countsTowardPause ? current.consecutiveFailures + 1 : current.consecutiveFailures;
  const failingSince = event.countsTowardPause ? (current.failingSince ?? event.at) : current.failingSince;
  const days = rules.pauseAfterFailingDays ?? DEFAULT_PAUSE_AFTER_FAILING_DAYS;
  const pausedBecause: HealthChange["pausedBecause"] = !running
    ? undefined
    : event.pauseNow
      ? "gone"
      : !event.countsTowardPause
        ? undefined
        : shouldPauseDestination(failures)
          ? "consecutive_failures"
          : failingSince !== null && event.at.getTime() - failingSince.getTime() >= days * DAY_MS
            ? "failing_days"
            : undefined;
  const pause = pausedBecause !== undefined;
  const patch: HealthChange["patch"] = {
    consecutiveFailures: failures,
    lastFailureAt: event.at,
    lastFailureReason: truncateReason(event.reason),
    ...(failingSince !== current.failingSince ? { failingSince } : {}),
  };
  if (pause) {
    patch.state = "PAUSED";
    patch.pausedAt = event.at;
  } else if (running && event.countsTowardPause) {
    patch.state = "FAILING";
  }
  return {
    patch,
    paused: pause,
    ...(pausedBecause ? { pausedBecause } : {}),
    notifyAtFailures: !pause && event.countsTowardPause && running && isFailureNotificationDue(failures) ? failures : null,
  };
}

/**
 * A "Send test lead" probe: success is recorded like a delivery's (it proves the
 * destination works now); a failure is shown as the last failure but does not count
 * toward pausing, since a tenant trying settings out has lost no lead.
 */
export function nextHealthAfterProbe(current: DestinationHealth, outcome: DeliveryOutcome, at: Date): HealthChange {
  const event = healthEventOf(outcome, at);
  if (event.kind === "success") return nextHealth(current, event);
  return { patch: { lastFailureAt: at, lastFailureReason: truncateReason(event.reason) }, paused: false, notifyAtFailures: null };
}
