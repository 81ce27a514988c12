import type { DestinationHealth } from "@leadrelay/db";
import { PAUSE_AFTER_CONSECUTIVE_FAILURES } from "@leadrelay/destinations";
import { describe, expect, it } from "vitest";
import { healthEventOf, nextHealth, nextHealthAfterProbe } from "./health";

const at = new Date("2026-03-01T10:00:00Z");
const health = (over: Partial<DestinationHealth> = {}): DestinationHealth => ({
  state: "ACTIVE",
  consecutiveFailures: 0,
  lastSuccessAt: null,
  lastFailureAt: null,
  pausedAt: null,
  failingSince: null,
  ...over,
});
const retryable = { kind: "retryable", reason: "The receiver had a server error (500)", httpStatus: 500 } as const;

describe("nextHealth", () => {
  it("a success clears the failures and brings a failing destination back to ACTIVE", () => {
    const change = nextHealth(health({ state: "FAILING", consecutiveFailures: 7 }), healthEventOf({ kind: "delivered" }, at));
    expect(change).toEqual({ patch: { consecutiveFailures: 0, lastSuccessAt: at, state: "ACTIVE" }, paused: false, notifyAtFailures: null });
  });

  it("a success does not resume a paused or disabled destination (resuming is the tenant's decision)", () => {
    for (const state of ["PAUSED", "DISABLED"] as const) {
      const change = nextHealth(health({ state, consecutiveFailures: 20 }), healthEventOf({ kind: "accepted", note: "Web-to-Lead" }, at));
      expect(change.patch.state).toBeUndefined();
      expect(change.patch.consecutiveFailures).toBe(0);
    }
  });

  it("a retryable failure counts, makes the destination FAILING and keeps the reason", () => {
    const change = nextHealth(health(), healthEventOf(retryable, at));
    expect(change).toEqual({
      patch: { consecutiveFailures: 1, lastFailureAt: at, lastFailureReason: retryable.reason, failingSince: at, state: "FAILING" },
      paused: false,
      notifyAtFailures: null,
    });
  });

  it("rejected credentials count toward pausing like a retryable failure", () => {
    const change = nextHealth(health({ consecutiveFailures: 4, state: "FAILING" }), healthEventOf({ kind: "auth_invalid", reason: "401" }, at));
    expect(change.patch.consecutiveFailures).toBe(5);
    expect(change.notifyAtFailures).toBe(5);
  });

  it("a permanent failure of one lead neither counts nor changes the state", () => {
    const change = nextHealth(health({ consecutiveFailures: 3, state: "FAILING" }), healthEventOf({ kind: "permanent_failure", reason: "400", httpStatus: 400 }, at));
    expect(change.patch).toEqual({ consecutiveFailures: 3, lastFailureAt: at, lastFailureReason: "400" });
    expect(change.paused).toBe(false);
  });

  it("notifies at 5, 10 and 15 consecutive failures only", () => {
    const notified = [];
    let current = health();
    for (let n = 1; n < PAUSE_AFTER_CONSECUTIVE_FAILURES; n++) {
      const change = nextHealth(current, healthEventOf(retryable, at));
      if (change.notifyAtFailures !== null) notified.push(change.notifyAtFailures);
      current = { ...current, ...change.patch };
    }
    expect(notified).toEqual([5, 10, 15]);
    expect(current.state).toBe("FAILING");
  });

  it("pauses at the threshold, once", () => {
    const change = nextHealth(health({ state: "FAILING", consecutiveFailures: PAUSE_AFTER_CONSECUTIVE_FAILURES - 1 }), healthEventOf(retryable, at));
    expect(change).toMatchObject({ paused: true, notifyAtFailures: null, patch: { state: "PAUSED", pausedAt: at } });
    const again = nextHealth(health({ state: "PAUSED", consecutiveFailures: PAUSE_AFTER_CONSECUTIVE_FAILURES }), healthEventOf(retryable, at));
    expect(again.paused).toBe(false);
    expect(again.patch.state).toBeUndefined();
  });

  it("410 Gone pauses at once", () => {
    const change = nextHealth(health(), healthEventOf({ kind: "permanent_failure", reason: "410 Gone", httpStatus: 410 }, at));
    expect(change).toMatchObject({ paused: true, patch: { state: "PAUSED" } });
  });

  it("the first failure starts failingSince; later ones keep it; a success clears it", () => {
    const first = nextHealth(health(), healthEventOf(retryable, at));
    expect(first.patch.failingSince).toEqual(at);
    const since = new Date("2026-02-27T08:00:00Z");
    const later = nextHealth(health({ state: "FAILING", consecutiveFailures: 2, failingSince: since }), healthEventOf(retryable, at));
    expect(later.patch).not.toHaveProperty("failingSince");
    const success = nextHealth(health({ state: "FAILING", consecutiveFailures: 3, failingSince: since }), healthEventOf({ kind: "delivered" }, at));
    expect(success.patch).toEqual({ consecutiveFailures: 0, lastSuccessAt: at, failingSince: null, state: "ACTIVE" });
  });

  it("a permanent failure of one lead does not start failingSince", () => {
    const change = nextHealth(health(), healthEventOf({ kind: "permanent_failure", reason: "400", httpStatus: 400 }, at));
    expect(change.patch).not.toHaveProperty("failingSince");
  });

  it("pauses a destination that has only failed for the configured days, however few the failures", () => {
    const days = (n: number) => new Date(at.getTime() - n * 24 * 3600 * 1000);
    const failing = (since: Date) => health({ state: "FAILING", consecutiveFailures: 3, failingSince: since });
    expect(nextHealth(failing(days(4.9)), healthEventOf(retryable, at))).toMatchObject({ paused: false, patch: { state: "FAILING" } });
    expect(nextHealth(failing(days(5)), healthEventOf(retryable, at))).toMatchObject({
      paused: true,
      pausedBecause: "failing_days",
      patch: { state: "PAUSED", pausedAt: at, consecutiveFailures: 4 },
    });
    // The number of days is a setting.
    expect(nextHealth(failing(days(2)), healthEventOf(retryable, at), { pauseAfterFailingDays: 2 }).paused).toBe(true);
    expect(nextHealth(failing(days(6)), healthEventOf(retryable, at), { pauseAfterFailingDays: 7 }).paused).toBe(false);
    // A permanent failure of one lead pauses nothing, and neither is a paused destination paused again.
    expect(nextHealth(failing(days(9)), healthEventOf({ kind: "permanent_failure", reason: "400", httpStatus: 400 }, at)).paused).toBe(false);
    expect(nextHealth(health({ state: "PAUSED", failingSince: days(9) }), healthEventOf(retryable, at)).paused).toBe(false);
  });

  it("names the threshold as the reason when failures in a row pause it", () => {
    const change = nextHealth(health({ state: "FAILING", consecutiveFailures: PAUSE_AFTER_CONSECUTIVE_FAILURES - 1, failingSince: at }), healthEventOf(retryable, at));
    expect(change.pausedBecause).toBe("consecutive_failures");
  });

  it("very long reasons are cut to 500 characters", () => {
    const change = nextHealth(health(), healthEventOf({ ...retryable, reason: "x".repeat(2000) }, at));
    expect(change.patch.lastFailureReason).toHaveLength(500);
  });
});

describe("nextHealthAfterProbe (Send test lead)", () => {
  it("a failed test is shown as the last failure but does not count toward pausing", () => {
    const change = nextHealthAfterProbe(health({ consecutiveFailures: 19, state: "FAILING", failingSince: new Date("2026-02-20T00:00:00Z") }), retryable, at);
    expect(change).toEqual({ patch: { lastFailureAt: at, lastFailureReason: retryable.reason }, paused: false, notifyAtFailures: null });
  });

  it("a successful test counts as a success", () => {
    const change = nextHealthAfterProbe(health({ consecutiveFailures: 3, state: "FAILING" }), { kind: "delivered" }, at);
    expect(change.patch).toEqual({ consecutiveFailures: 0, lastSuccessAt: at, state: "ACTIVE" });
  });
});
