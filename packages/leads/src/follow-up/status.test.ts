import { describe, expect, it } from "vitest";
import { FOLLOW_UP_RANGE } from "./policy";
import { followUpRangeStatus } from "./range";
import { dueStatus, followUpFlags, isContactActivity, isDoNotContact, isSilent, nurtureStatus } from "./status";
import type { FollowUpState, StageRef } from "./types";

const now = new Date("2025-05-20T10:00:00Z");
const endOfToday = new Date("2025-05-21T00:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

const open: StageRef = { id: "s-open", position: 1, kind: "OPEN", isNurture: false };
const nurture: StageRef = { id: "s-nurture", position: 3, kind: "OPEN", isNurture: true };
const won: StageRef = { id: "s-won", position: 4, kind: "WON", isNurture: false };

function lead(overrides: Partial<FollowUpState> = {}): FollowUpState {
  return {
    funnelStage: "INITIAL",
    stageId: open.id,
    followUpCount: 0,
    firstReceivedAt: daysAgo(1 / 24),
    firstContactedAt: null,
    lastContactedAt: null,
    nextFollowUpAt: null,
    nurtureUntil: null,
    nurtureCadenceDays: null,
    ...overrides,
  };
}

describe("the 5–12 follow-up range", () => {
  it.each([
    [0, "none"],
    [1, "below"],
    [4, "below"],
    [5, "within"],
    [12, "within"],
    [13, "above"],
  ] as const)("%i follow-ups are %s", (count, status) => {
    expect(followUpRangeStatus(count)).toBe(status);
  });

  it("is Microsoft's 5 to 12", () => {
    expect(FOLLOW_UP_RANGE).toEqual({ min: 5, max: 12 });
  });
});

describe("due and overdue", () => {
  it("is overdue once the time has passed, today until midnight, upcoming after", () => {
    expect(dueStatus(null, now, endOfToday)).toBe("none");
    expect(dueStatus(new Date("2025-05-20T09:59:00Z"), now, endOfToday)).toBe("overdue");
    expect(dueStatus(new Date("2025-05-19T12:00:00Z"), now, endOfToday)).toBe("overdue");
    expect(dueStatus(now, now, endOfToday)).toBe("today");
    expect(dueStatus(new Date("2025-05-20T23:59:59Z"), now, endOfToday)).toBe("today");
    expect(dueStatus(endOfToday, now, endOfToday)).toBe("upcoming");
  });

  it("brings a nurtured lead back on the day its touch is due", () => {
    expect(nurtureStatus({ nurtureUntil: null }, endOfToday)).toBe("none");
    expect(nurtureStatus({ nurtureUntil: new Date("2025-05-20T18:00:00Z") }, endOfToday)).toBe("due");
    expect(nurtureStatus({ nurtureUntil: new Date("2025-06-20T00:00:00Z") }, endOfToday)).toBe("nurturing");
  });
});

describe("do not contact", () => {
  it("is read from the funnel stage in either spelling", () => {
    expect(isDoNotContact({ funnelStage: "DO_NOT_CONTACT" })).toBe(true);
    expect(isDoNotContact({ funnelStage: "do_not_contact" })).toBe(true);
    expect(isDoNotContact({ funnelStage: "INITIAL" })).toBe(false);
  });

  it("forbids calls, e-mails and meetings but not notes", () => {
    expect(isContactActivity("CALL")).toBe(true);
    expect(isContactActivity("EMAIL")).toBe(true);
    expect(isContactActivity("MEETING")).toBe(true);
    expect(isContactActivity("NOTE")).toBe(false);
  });

  it("flags a DNC lead as that and nothing else", () => {
    expect(followUpFlags(lead({ funnelStage: "DO_NOT_CONTACT", firstReceivedAt: daysAgo(5) }), open, now, endOfToday)).toEqual(["do_not_contact"]);
  });
});

describe("silent leads", () => {
  const contacted = (days: number, extra: Partial<FollowUpState> = {}) =>
    lead({ followUpCount: 2, firstContactedAt: daysAgo(days + 3), lastContactedAt: daysAgo(days), firstReceivedAt: daysAgo(days + 4), ...extra });

  it("fall silent after 14 days without a touch and with nothing scheduled", () => {
    expect(isSilent(contacted(13), open, now)).toBe(false);
    expect(isSilent(contacted(14), open, now)).toBe(true);
    expect(isSilent(contacted(30, { nextFollowUpAt: new Date("2025-05-25T00:00:00Z") }), open, now)).toBe(false);
  });

  it("never applies to closed, nurtured, DNC or never-contacted leads", () => {
    expect(isSilent(contacted(30), won, now)).toBe(false);
    expect(isSilent(contacted(30, { nurtureUntil: daysAgo(-10) }), nurture, now)).toBe(false);
    expect(isSilent(contacted(30, { funnelStage: "DO_NOT_CONTACT" }), open, now)).toBe(false);
    expect(isSilent(lead({ firstReceivedAt: daysAgo(40) }), open, now)).toBe(false);
  });
});

describe("follow-up flags", () => {
  it("lists what needs attention, most urgent first", () => {
    const late = lead({ firstReceivedAt: daysAgo(3), nextFollowUpAt: daysAgo(1) });
    expect(followUpFlags(late, open, now, endOfToday)).toEqual(["overdue", "uncontacted"]);
    const today = lead({ followUpCount: 3, firstContactedAt: daysAgo(2), lastContactedAt: daysAgo(1), nextFollowUpAt: new Date("2025-05-20T15:00:00Z") });
    expect(followUpFlags(today, open, now, endOfToday)).toEqual(["due_today", "below_range"]);
    const many = lead({ followUpCount: 13, firstContactedAt: daysAgo(40), lastContactedAt: daysAgo(1), nextFollowUpAt: daysAgo(-3) });
    expect(followUpFlags(many, open, now, endOfToday)).toEqual(["above_range"]);
  });

  it("is empty for closed leads, and nurtured leads are not nagged about the range", () => {
    expect(followUpFlags(lead({ firstReceivedAt: daysAgo(9), nextFollowUpAt: daysAgo(1) }), won, now, endOfToday)).toEqual([]);
    const nurtured = lead({ stageId: nurture.id, followUpCount: 2, firstContactedAt: daysAgo(50), lastContactedAt: daysAgo(20), nurtureUntil: daysAgo(0.1), nurtureCadenceDays: 30 });
    expect(followUpFlags(nurtured, nurture, now, endOfToday)).toEqual(["nurture_due"]);
  });

  it("a fresh lead is not late for first contact until 24 hours have passed", () => {
    expect(followUpFlags(lead({ firstReceivedAt: daysAgo(0.9) }), open, now, endOfToday)).toEqual([]);
    expect(followUpFlags(lead({ firstReceivedAt: daysAgo(1.1) }), open, now, endOfToday)).toEqual(["uncontacted"]);
  });
});
