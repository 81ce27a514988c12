import type { DeliveryOutcome } from "./types";

/**
 * When to try a failed delivery again: Svix's schedule (svix-server `worker.rs`). The delay
 * after the n-th failed attempt is the n-th entry; after the last, the delivery has failed.
 * Eight attempts over about 28 hours cover a receiver that is down for a day.
 */
export const RETRY_SCHEDULE_MS: readonly number[] = [
  5_000, // 5 s
  5 * 60_000, // 5 min
  30 * 60_000, // 30 min
  2 * 3_600_000, // 2 h
  5 * 3_600_000, // 5 h
  10 * 3_600_000, // 10 h
  10 * 3_600_000, // 10 h
];

/** Attempts in all: the first plus one per scheduled retry. */
export const MAX_DELIVERY_ATTEMPTS = RETRY_SCHEDULE_MS.length + 1;

/** ±20%: receivers that failed together are not retried together. */
export const RETRY_JITTER = 0.2;

/** After a 429 or a timeout the receiver is overloaded: wait at least this long. */
export const OVERLOAD_MIN_DELAY_MS = 60_000;

/** Tell the tenant after this many consecutive failures of one destination (dub `lib/webhook/failure.ts`). */
export const FAILURE_NOTIFICATION_THRESHOLDS = [5, 10, 15] as const;

/** Pause the destination after this many consecutive failures; its deliveries are held until it is fixed. */
export const PAUSE_AFTER_CONSECUTIVE_FAILURES = 20;

export interface RetryDelayOptions {
  /** The receiver's Retry-After, honoured within [delay, 2 × delay]. */
  retryAfterSeconds?: number;
  /** The attempt was answered 429 or timed out. */
  overloaded?: boolean;
  /** In [0, 1); injectable for tests. */
  random?: () => number;
}

/**
 * Milliseconds to wait after the 1-based `attemptNumber` failed, or null when that was the
 * last attempt.
 */
export function nextRetryDelayMs(
  attemptNumber: number,
  options: RetryDelayOptions = {},
): number | null {
  if (!Number.isInteger(attemptNumber) || attemptNumber < 1) {
    throw new RangeError(`attemptNumber must be a positive integer, got ${attemptNumber}`);
  }
  const scheduled = RETRY_SCHEDULE_MS[attemptNumber - 1];
  if (scheduled === undefined) return null;

  const random = options.random ?? Math.random;
  let delay = scheduled * (1 + (random() * 2 - 1) * RETRY_JITTER);
  const { retryAfterSeconds } = options;
  if (
    retryAfterSeconds !== undefined &&
    Number.isFinite(retryAfterSeconds) &&
    retryAfterSeconds >= 0
  ) {
    // A receiver may slow us down, up to double, but not stall a delivery or speed it up.
    delay = Math.min(Math.max(retryAfterSeconds * 1000, delay), 2 * delay);
  }
  if (options.overloaded) delay = Math.max(delay, OVERLOAD_MIN_DELAY_MS);
  return Math.round(delay);
}

/** The delay for an outcome: null when it is not retryable or the attempts are used up. */
export function retryDelayForOutcome(
  attemptNumber: number,
  outcome: DeliveryOutcome,
  random?: () => number,
): number | null {
  if (outcome.kind !== "retryable") return null;
  return nextRetryDelayMs(attemptNumber, {
    retryAfterSeconds: outcome.retryAfterSeconds,
    overloaded: outcome.httpStatus === 429 || outcome.timedOut === true,
    random,
  });
}

/** True when this count of consecutive failures calls for a notice to the tenant. */
export function isFailureNotificationDue(consecutiveFailures: number): boolean {
  return (FAILURE_NOTIFICATION_THRESHOLDS as readonly number[]).includes(consecutiveFailures);
}

export function shouldPauseDestination(consecutiveFailures: number): boolean {
  return consecutiveFailures >= PAUSE_AFTER_CONSECUTIVE_FAILURES;
}
