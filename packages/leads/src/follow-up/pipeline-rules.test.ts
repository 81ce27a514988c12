import { describe, expect, it } from "vitest";
import { chooseRoundRobinOwner, decideAssignment, normaliseRotation } from "./assignment";
import { defaultPipelineStages, defaultQualificationCriteria } from "./defaults";
import { MAX_PIPELINE_STAGES } from "./policy";
import { nextQualifiedAt, qualificationStatus } from "./qualification";
import { activityEffects, entryStage, isPermutation, pipelineProblems, resolveStage, stageMoveEffects } from "./stages";
import type { FollowUpState, StageRef } from "./types";

const stages: (StageRef & { name: string })[] = defaultPipelineStages("en").map((s, position) => ({
  id: s.key,
  name: s.name,
  position,
  kind: s.kind,
  isNurture: s.isNurture,
}));
const now = new Date("2025-05-20T10:00:00Z");

function lead(overrides: Partial<FollowUpState> = {}): FollowUpState {
  return {
    funnelStage: "INITIAL",
    stageId: null,
    followUpCount: 0,
    firstReceivedAt: new Date("2025-05-19T10:00:00Z"),
    firstContactedAt: null,
    lastContactedAt: null,
    nextFollowUpAt: null,
    nurtureUntil: null,
    nurtureCadenceDays: null,
    ...overrides,
  };
}

describe("default pipeline and checklist", () => {
  it("is New → Contacted → Qualified → Nurturing → Won / Lost / Disqualified, each with a milestone", () => {
    expect(stages.map((s) => [s.name, s.kind, s.isNurture])).toEqual([
      ["New", "OPEN", false],
      ["Contacted", "OPEN", false],
      ["Qualified", "OPEN", false],
      ["Nurturing", "OPEN", true],
      ["Won", "WON", false],
      ["Lost", "LOST", false],
      ["Disqualified", "DISQUALIFIED", false],
    ]);
    for (const s of defaultPipelineStages("en")) expect(s.description.length).toBeGreaterThan(10);
    expect(pipelineProblems(stages, MAX_PIPELINE_STAGES)).toEqual([]);
  });

  it("comes in Russian for a Russian-speaking first user, with the same shape", () => {
    const ru = defaultPipelineStages("ru-RU");
    expect(ru.map((s) => [s.key, s.kind, s.isNurture])).toEqual(defaultPipelineStages("en").map((s) => [s.key, s.kind, s.isNurture]));
    expect(ru[0]!.name).toBe("Новый");
    expect(defaultQualificationCriteria("ru").map((c) => c.key)).toEqual(["budget", "authority", "need", "timeline"]);
    expect(defaultQualificationCriteria("de").map((c) => c.label)).toEqual(["Budget", "Authority", "Need", "Timeline"]);
  });
});

describe("pipeline rules", () => {
  it("puts stage-less leads in the first open, non-nurture stage", () => {
    expect(entryStage(stages)?.id).toBe("new");
    expect(resolveStage(stages, null)?.id).toBe("new");
    expect(resolveStage(stages, "won")?.id).toBe("won");
    expect(resolveStage(stages, "deleted-stage")?.id).toBe("new");
    const reordered = stages.map((s) => (s.id === "new" ? { ...s, position: 10 } : s));
    expect(entryStage(reordered)?.id).toBe("contacted");
  });

  it("refuses pipelines with no place for new leads, two nurture stages, a closed nurture stage or duplicate names", () => {
    const closedOnly = stages.filter((s) => s.kind !== "OPEN");
    expect(pipelineProblems(closedOnly, MAX_PIPELINE_STAGES)).toEqual(["needsOpenStage"]);
    const twoNurture = stages.map((s) => (s.id === "qualified" ? { ...s, isNurture: true } : s));
    expect(pipelineProblems(twoNurture, MAX_PIPELINE_STAGES)).toEqual(["oneNurtureStage"]);
    const closedNurture = stages.map((s) => (s.id === "nurturing" ? { ...s, kind: "LOST" as const } : s));
    expect(pipelineProblems(closedNurture, MAX_PIPELINE_STAGES)).toEqual(["nurtureMustBeOpen"]);
    const dup = stages.map((s) => (s.id === "lost" ? { ...s, name: " won " } : s));
    expect(pipelineProblems(dup, MAX_PIPELINE_STAGES)).toEqual(["duplicateStageName"]);
    expect(pipelineProblems(stages, 3)).toEqual(["tooManyStages"]);
  });

  it("accepts a reorder only when it names every stage once", () => {
    expect(isPermutation(["a", "b", "c"], ["c", "a", "b"])).toBe(true);
    expect(isPermutation(["a", "b", "c"], ["a", "b"])).toBe(false);
    expect(isPermutation(["a", "b", "c"], ["a", "a", "b"])).toBe(false);
    expect(isPermutation(["a", "b", "c"], ["a", "b", "x"])).toBe(false);
  });
});

describe("moving a lead between stages", () => {
  const byId = (id: string) => stages.find((s) => s.id === id)!;

  it("closing a lead ends its follow-ups and nurture", () => {
    expect(stageMoveEffects(lead({ nextFollowUpAt: now }), byId("won"), now)).toEqual({
      stageId: "won",
      nextFollowUpAt: null,
      nurtureUntil: null,
      nurtureCadenceDays: null,
    });
  });

  it("nurture starts a cadence in place of the scheduled follow-up", () => {
    expect(stageMoveEffects(lead({ nextFollowUpAt: now }), byId("nurturing"), now)).toEqual({
      stageId: "nurturing",
      nextFollowUpAt: null,
      nurtureCadenceDays: 30,
      nurtureUntil: new Date("2025-06-19T10:00:00Z"),
    });
    expect(stageMoveEffects(lead(), byId("nurturing"), now, 7)).toMatchObject({ nurtureCadenceDays: 7, nurtureUntil: new Date("2025-05-27T10:00:00Z") });
  });

  it("leaving nurture for an open stage ends the nurture", () => {
    const nurtured = lead({ stageId: "nurturing", nurtureUntil: now, nurtureCadenceDays: 14 });
    expect(stageMoveEffects(nurtured, byId("contacted"), now)).toEqual({ stageId: "contacted", nurtureUntil: null, nurtureCadenceDays: null });
  });
});

describe("logging an activity", () => {
  const call = (overrides: Partial<{ occurredAt: Date; nextFollowUpAt: Date | null }> = {}) => ({ type: "CALL" as const, occurredAt: now, ...overrides });

  it("a first call counts, sets first and last contact, completes the follow-up and leaves the entry stage", () => {
    const next = new Date("2025-05-22T09:00:00Z");
    expect(activityEffects(lead({ nextFollowUpAt: now }), stages, call({ nextFollowUpAt: next }))).toEqual({
      countsAsFollowUp: true,
      firstContactedAt: now,
      lastContactedAt: now,
      nextFollowUpAt: next,
      advanceToStageId: "contacted",
    });
    expect(activityEffects(lead({ nextFollowUpAt: now }), stages, call())).toMatchObject({ nextFollowUpAt: null });
  });

  it("a call logged late keeps the later last contact and does not move a lead past the entry stage", () => {
    const earlier = new Date("2025-05-10T10:00:00Z");
    const contacted = lead({ stageId: "qualified", firstContactedAt: new Date("2025-05-12T00:00:00Z"), lastContactedAt: new Date("2025-05-15T00:00:00Z") });
    expect(activityEffects(contacted, stages, call({ occurredAt: earlier }))).toEqual({ countsAsFollowUp: true, firstContactedAt: earlier, nextFollowUpAt: null });
  });

  it("a note is not a follow-up and only reschedules when asked", () => {
    expect(activityEffects(lead({ nextFollowUpAt: now }), stages, { type: "NOTE", occurredAt: now })).toEqual({ countsAsFollowUp: false });
    expect(activityEffects(lead(), stages, { type: "NOTE", occurredAt: now, nextFollowUpAt: null })).toEqual({ countsAsFollowUp: false, nextFollowUpAt: null });
  });

  it("a touch on a nurtured lead schedules the next one a cadence later", () => {
    const nurtured = lead({ stageId: "nurturing", nurtureUntil: now, nurtureCadenceDays: 14, firstContactedAt: new Date("2025-01-01T00:00:00Z"), lastContactedAt: new Date("2025-04-01T00:00:00Z") });
    expect(activityEffects(nurtured, stages, { type: "EMAIL", occurredAt: now })).toMatchObject({ nurtureUntil: new Date("2025-06-03T10:00:00Z") });
  });
});

describe("qualification", () => {
  const criteria = defaultQualificationCriteria("en").map((c) => ({ id: c.key, label: c.label }));

  it("is complete when every active criterion is checked, and says what is missing", () => {
    expect(qualificationStatus(criteria, ["budget", "need"])).toEqual({
      complete: false,
      checked: 2,
      total: 4,
      missing: [
        { id: "authority", label: "Authority" },
        { id: "timeline", label: "Timeline" },
      ],
    });
    expect(qualificationStatus(criteria, ["budget", "need", "authority", "timeline", "archived-one"])).toMatchObject({ complete: true, checked: 4, missing: [] });
  });

  it("qualifies nobody without criteria", () => {
    expect(qualificationStatus([], [])).toEqual({ complete: false, checked: 0, total: 0, missing: [] });
  });

  it("keeps the first time a lead became qualified, clears it when a check is removed", () => {
    const complete = qualificationStatus(criteria, criteria.map((c) => c.id));
    const earlier = new Date("2025-05-01T00:00:00Z");
    expect(nextQualifiedAt(null, complete, now)).toEqual(now);
    expect(nextQualifiedAt(earlier, complete, now)).toEqual(earlier);
    expect(nextQualifiedAt(earlier, qualificationStatus(criteria, ["budget"]), now)).toBeNull();
  });
});

describe("assignment", () => {
  const members = new Set(["ann", "bob", "cid"]);

  it("round robin takes turns and wraps around", () => {
    expect(chooseRoundRobinOwner(["ann", "bob", "cid"], -1, members)).toEqual({ userId: "ann", index: 0 });
    expect(chooseRoundRobinOwner(["ann", "bob", "cid"], 0, members)).toEqual({ userId: "bob", index: 1 });
    expect(chooseRoundRobinOwner(["ann", "bob", "cid"], 2, members)).toEqual({ userId: "ann", index: 0 });
    expect(chooseRoundRobinOwner(["ann", "bob", "cid"], 99, members)).toEqual({ userId: "ann", index: 0 });
  });

  it("skips people who left the tenant and gives up when nobody is left", () => {
    expect(chooseRoundRobinOwner(["ann", "gone", "cid"], 0, members)).toEqual({ userId: "cid", index: 2 });
    expect(chooseRoundRobinOwner(["gone", "left"], 0, members)).toBeNull();
    expect(chooseRoundRobinOwner([], -1, members)).toBeNull();
  });

  it("saves a rotation of members only, each once", () => {
    expect(normaliseRotation(["bob", "x", "ann", "bob"], members)).toEqual({ rotation: ["bob", "ann"], unknown: ["x"] });
  });

  it("by offer uses the offer's owner, else falls back to the round robin", () => {
    const rule = { mode: "BY_OFFER" as const, rotation: ["ann", "bob"], lastAssignedIndex: 0 };
    expect(decideAssignment(rule, "cid", members)).toEqual({ kind: "by_offer", userId: "cid" });
    expect(decideAssignment(rule, "gone", members)).toEqual({ kind: "round_robin", userId: "bob", index: 1 });
    expect(decideAssignment({ ...rule, rotation: [] }, null, members)).toEqual({ kind: "none" });
    expect(decideAssignment({ ...rule, mode: "MANUAL" }, "cid", members)).toEqual({ kind: "none" });
  });
});
