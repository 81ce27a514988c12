import { addDays, DEFAULT_NURTURE_CADENCE_DAYS } from "./policy";
import { isContactActivity } from "./status";
import type { ActivityType, FollowUpState, StageKind, StageRef } from "./types";

const byPosition = <T extends Pick<StageRef, "position">>(stages: readonly T[]) =>
  [...stages].sort((a, b) => a.position - b.position);

/** Where new leads sit: the first open, non-nurture stage. Null only for a broken pipeline. */
export function entryStage<T extends StageRef>(stages: readonly T[]): T | null {
  return byPosition(stages).find((s) => s.kind === "OPEN" && !s.isNurture) ?? null;
}

/** The lead's stage, with "no stage yet" read as the entry stage. */
export function resolveStage<T extends StageRef>(
  stages: readonly T[],
  stageId: string | null,
): T | null {
  if (stageId) {
    const found = stages.find((s) => s.id === stageId);
    if (found) return found;
  }
  return entryStage(stages);
}

export function nurtureStage<T extends StageRef>(stages: readonly T[]): T | null {
  return byPosition(stages).find((s) => s.isNurture) ?? null;
}

export type PipelineProblem =
  | "needsOpenStage"
  | "nurtureMustBeOpen"
  | "oneNurtureStage"
  | "tooManyStages"
  | "duplicateStageName";

/**
 * What must hold for a pipeline after any edit: a place for new leads (an open,
 * non-nurture stage), at most one nurture stage and only among open stages, names
 * unique (ignoring case), and not too many stages.
 */
export function pipelineProblems(
  stages: readonly (StageRef & { name: string })[],
  maxStages: number,
): PipelineProblem[] {
  const problems: PipelineProblem[] = [];
  if (!entryStage(stages)) problems.push("needsOpenStage");
  if (stages.some((s) => s.isNurture && s.kind !== "OPEN")) problems.push("nurtureMustBeOpen");
  if (stages.filter((s) => s.isNurture).length > 1) problems.push("oneNurtureStage");
  if (stages.length > maxStages) problems.push("tooManyStages");
  const names = stages.map((s) => s.name.trim().toLowerCase());
  if (new Set(names).size !== names.length) problems.push("duplicateStageName");
  return problems;
}

/** A reorder request must name every current item exactly once. */
export function isPermutation(
  currentIds: readonly string[],
  requestedIds: readonly string[],
): boolean {
  if (currentIds.length !== requestedIds.length) return false;
  const requested = new Set(requestedIds);
  return requested.size === requestedIds.length && currentIds.every((id) => requested.has(id));
}

/** The columns a stage change rewrites on the lead. */
export interface FollowUpPatch {
  stageId?: string;
  nextFollowUpAt?: Date | null;
  nurtureUntil?: Date | null;
  nurtureCadenceDays?: number | null;
}

/**
 * Moving a lead: a closed stage (won, lost, disqualified) ends its follow-ups and
 * nurture; the nurture stage starts a nurture cadence (the lead's own, else the default)
 * in place of a scheduled follow-up; leaving nurture for an open stage ends the nurture.
 */
export function stageMoveEffects(
  lead: Pick<FollowUpState, "nurtureUntil" | "nurtureCadenceDays">,
  target: StageRef,
  now: Date,
  cadenceDays?: number,
): FollowUpPatch {
  if (target.kind !== "OPEN")
    return {
      stageId: target.id,
      nextFollowUpAt: null,
      nurtureUntil: null,
      nurtureCadenceDays: null,
    };
  if (target.isNurture) {
    const cadence = cadenceDays ?? lead.nurtureCadenceDays ?? DEFAULT_NURTURE_CADENCE_DAYS;
    const keepUntil = cadenceDays === undefined && lead.nurtureUntil;
    return {
      stageId: target.id,
      nextFollowUpAt: null,
      nurtureCadenceDays: cadence,
      nurtureUntil: keepUntil ? lead.nurtureUntil : addDays(now, cadence),
    };
  }
  return { stageId: target.id, nurtureUntil: null, nurtureCadenceDays: null };
}

export interface ActivityEffects {
  /** Counted against the 5–12 range. */
  countsAsFollowUp: boolean;
  firstContactedAt?: Date;
  lastContactedAt?: Date;
  nextFollowUpAt?: Date | null;
  nurtureUntil?: Date;
  /** The lead leaves the entry stage on its first contact. */
  advanceToStageId?: string;
}

/**
 * What logging an activity does to the lead. A call, e-mail or meeting is a follow-up: it
 * counts, updates first/last contact, completes the pending follow-up (replaced by the
 * next one when given), pushes a nurtured lead's next touch a cadence ahead, and moves a
 * lead still in the entry stage to the next open stage ("contacted"). A note changes the
 * schedule only when it sets a next follow-up.
 */
export function activityEffects(
  lead: FollowUpState,
  stages: readonly StageRef[],
  activity: { type: ActivityType; occurredAt: Date; nextFollowUpAt?: Date | null },
): ActivityEffects {
  if (!isContactActivity(activity.type)) {
    return {
      countsAsFollowUp: false,
      ...(activity.nextFollowUpAt !== undefined ? { nextFollowUpAt: activity.nextFollowUpAt } : {}),
    };
  }
  const at = activity.occurredAt;
  const effects: ActivityEffects = {
    countsAsFollowUp: true,
    nextFollowUpAt: activity.nextFollowUpAt ?? null,
  };
  if (!lead.firstContactedAt || at < lead.firstContactedAt) effects.firstContactedAt = at;
  if (!lead.lastContactedAt || at > lead.lastContactedAt) effects.lastContactedAt = at;
  if (lead.nurtureUntil && lead.nurtureCadenceDays) {
    const latest = effects.lastContactedAt ?? lead.lastContactedAt ?? at;
    effects.nurtureUntil = addDays(latest, lead.nurtureCadenceDays);
  }
  const entry = entryStage(stages);
  const current = lead.stageId ? stages.find((s) => s.id === lead.stageId) : entry;
  if (entry && current?.id === entry.id) {
    const next = byPosition(stages).find(
      (s) => s.position > entry.position && s.kind === "OPEN" && !s.isNurture,
    );
    if (next) effects.advanceToStageId = next.id;
  }
  return effects;
}

export function isStageKind(value: string): value is StageKind {
  return value === "OPEN" || value === "WON" || value === "LOST" || value === "DISQUALIFIED";
}
