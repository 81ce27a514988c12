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
  };
  /** This event paused the destination: hold its deliveries, audit, tell the admins. */
  paused: boolean;
  /** The consecutive failure count when it calls for a notice to the tenant's admins, else null. */
  notifyAtFailures: number | null;
}

const RUNNING: DestinationState[] = ["ACTIVE", "FAILING"];

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
 * The destination's next health. Success clears the failure count and brings a failing
 * destination back to ACTIVE (never a paused or disabled one: resuming is the tenant's
 * decision, and it replays the backlog). Consecutive failures make it FAILING, and at
 * the threshold PAUSED.
 */
export function nextHealth(current: DestinationHealth, event: HealthEvent): HealthChange {
  if (event.kind === "success") {
    return {
      patch: { consecutiveFailures: 0, lastSuccessAt: event.at, ...(current.state === "FAILING" ? { state: "ACTIVE" as const } : {}) },
      paused: false,
      notifyAtFailures: null,
    };
  }
  const running = RUNNING.includes(current.state);
  const failures = event.countsTowardPause ? current.consecutiveFailures + 1 : current.consecutiveFailures;
  const pause = running && (event.pauseNow || (event.countsTowardPause && shouldPauseDestination(failures)));
  const patch: HealthChange["patch"] = {
    consecutiveFailures: failures,
    lastFailureAt: event.at,
    lastFailureReason: truncateReason(event.reason),
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
