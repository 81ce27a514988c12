import { describe, expect, it } from "vitest";

import {
  FAILURE_NOTIFICATION_THRESHOLDS,
  isFailureNotificationDue,
  MAX_DELIVERY_ATTEMPTS,
  nextRetryDelayMs,
  PAUSE_AFTER_CONSECUTIVE_FAILURES,
  retryDelayForOutcome,
  RETRY_SCHEDULE_MS,
  shouldPauseDestination,
} from "./retry-schedule";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** random() = 0.5 means no jitter; 0 the most negative (−20%), just under 1 the most positive. */
const noJitter = () => 0.5;
const earliest = () => 0;
const latest = () => 0.999999;

describe("nextRetryDelayMs", () => {
  it("follows Svix's schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up", () => {
    const delays = Array.from({ length: 8 }, (_, i) =>
      nextRetryDelayMs(i + 1, { random: noJitter }),
    );
    expect(delays).toEqual([
      5 * SECOND,
      5 * MINUTE,
      30 * MINUTE,
      2 * HOUR,
      5 * HOUR,
      10 * HOUR,
      10 * HOUR,
      null,
    ]);
    expect(MAX_DELIVERY_ATTEMPTS).toBe(8);
    expect(nextRetryDelayMs(100)).toBeNull();
  });

  it("adds at most ±20% jitter", () => {
    RETRY_SCHEDULE_MS.forEach((scheduled, index) => {
      expect(nextRetryDelayMs(index + 1, { random: earliest })).toBe(Math.round(scheduled * 0.8));
      expect(nextRetryDelayMs(index + 1, { random: latest })).toBeCloseTo(scheduled * 1.2, -3);
    });
    for (let i = 0; i < 200; i++) {
      const delay = nextRetryDelayMs(3) ?? 0;
      expect(delay).toBeGreaterThanOrEqual(24 * MINUTE);
      expect(delay).toBeLessThanOrEqual(36 * MINUTE);
    }
  });

  it("honours Retry-After within [delay, 2 × delay]", () => {
    // Longer than the delay, within double: taken as is.
    expect(nextRetryDelayMs(2, { random: noJitter, retryAfterSeconds: 420 })).toBe(7 * MINUTE);
    // Beyond double: capped at double.
    expect(nextRetryDelayMs(2, { random: noJitter, retryAfterSeconds: 86_400 })).toBe(10 * MINUTE);
    // Shorter than the delay: the schedule wins.
    expect(nextRetryDelayMs(2, { random: noJitter, retryAfterSeconds: 1 })).toBe(5 * MINUTE);
    expect(nextRetryDelayMs(2, { random: noJitter, retryAfterSeconds: 0 })).toBe(5 * MINUTE);
    // Nonsense is ignored.
    expect(nextRetryDelayMs(2, { random: noJitter, retryAfterSeconds: Number.NaN })).toBe(
      5 * MINUTE,
    );
    expect(nextRetryDelayMs(2, { random: noJitter, retryAfterSeconds: -10 })).toBe(5 * MINUTE);
  });

  it("waits at least a minute after a 429 or a timeout", () => {
    expect(nextRetryDelayMs(1, { random: noJitter, overloaded: true })).toBe(MINUTE);
    // Even when Retry-After asks for less (it is capped at 2 × 5 s first).
    expect(nextRetryDelayMs(1, { random: noJitter, overloaded: true, retryAfterSeconds: 30 })).toBe(
      MINUTE,
    );
    // Later delays are already longer.
    expect(nextRetryDelayMs(2, { random: noJitter, overloaded: true })).toBe(5 * MINUTE);
  });

  it("still returns null after the last attempt, whatever Retry-After says", () => {
    expect(nextRetryDelayMs(8, { retryAfterSeconds: 10, overloaded: true })).toBeNull();
  });

  it("refuses attempt numbers that are not 1-based integers", () => {
    expect(() => nextRetryDelayMs(0)).toThrow(RangeError);
    expect(() => nextRetryDelayMs(1.5)).toThrow(RangeError);
  });
});

describe("retryDelayForOutcome", () => {
  it("schedules only retryable outcomes and applies their Retry-After and overload", () => {
    expect(retryDelayForOutcome(1, { kind: "delivered" })).toBeNull();
    expect(retryDelayForOutcome(1, { kind: "permanent_failure", reason: "x" })).toBeNull();
    expect(retryDelayForOutcome(1, { kind: "auth_invalid", reason: "x" })).toBeNull();
    expect(retryDelayForOutcome(1, { kind: "retryable", reason: "x" }, noJitter)).toBe(5 * SECOND);
    expect(
      retryDelayForOutcome(1, { kind: "retryable", reason: "x", httpStatus: 429 }, noJitter),
    ).toBe(MINUTE);
    expect(
      retryDelayForOutcome(1, { kind: "retryable", reason: "x", timedOut: true }, noJitter),
    ).toBe(MINUTE);
    expect(
      retryDelayForOutcome(
        3,
        { kind: "retryable", reason: "x", httpStatus: 503, retryAfterSeconds: 3600 },
        noJitter,
      ),
    ).toBe(HOUR);
    expect(retryDelayForOutcome(8, { kind: "retryable", reason: "x" })).toBeNull();
  });
});

describe("failure thresholds", () => {
  it("notifies at 5, 10 and 15 consecutive failures and pauses at 20", () => {
    expect(FAILURE_NOTIFICATION_THRESHOLDS).toEqual([5, 10, 15]);
    expect(Array.from({ length: 25 }, (_, i) => i + 1).filter(isFailureNotificationDue)).toEqual([
      5, 10, 15,
    ]);
    expect(PAUSE_AFTER_CONSECUTIVE_FAILURES).toBe(20);
    expect(shouldPauseDestination(19)).toBe(false);
    expect(shouldPauseDestination(20)).toBe(true);
    expect(shouldPauseDestination(21)).toBe(true);
  });
});
