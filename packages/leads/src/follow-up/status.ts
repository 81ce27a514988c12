import { FIRST_CONTACT_TARGET_HOURS, SILENT_AFTER_DAYS, DAY_MS } from "./policy";
import { followUpRangeStatus } from "./range";
import type { ActivityType, FollowUpState, StageRef } from "./types";

/**
 * Microsoft shares DNC leads as a signal only: nobody may call, e-mail or meet them.
 * The funnel stage is what counts, not the raw action: a later Contact me or install by
 * the same person advances the merged lead out of do-not-contact (an explicit request
 * beats the signal), even when that capture carried no action of its own.
 */
export function isDoNotContact(lead: { funnelStage: string }): boolean {
  return lead.funnelStage.toUpperCase() === "DO_NOT_CONTACT";
}

/** Calls, e-mails and meetings reach the customer and count as follow-ups; notes do not. */
export function isContactActivity(type: ActivityType): boolean {
  return type !== "NOTE";
}

/** Won, lost and disqualified leads are out of the follow-up lists. */
export function isClosedStage(stage: Pick<StageRef, "kind"> | null | undefined): boolean {
  return !!stage && stage.kind !== "OPEN";
}

/** `overdue` once the scheduled time has passed; `today` when it is later today; else `upcoming`. */
export type DueStatus = "none" | "overdue" | "today" | "upcoming";

export function dueStatus(dueAt: Date | null, now: Date, endOfToday: Date): DueStatus {
  if (!dueAt) return "none";
  if (dueAt.getTime() < now.getTime()) return "overdue";
  if (dueAt.getTime() < endOfToday.getTime()) return "today";
  return "upcoming";
}

/** A nurtured lead is back on its owner's list once its next nurture touch is due. */
export type NurtureStatus = "none" | "nurturing" | "due";

export function nurtureStatus(
  lead: Pick<FollowUpState, "nurtureUntil">,
  endOfToday: Date,
): NurtureStatus {
  if (!lead.nurtureUntil) return "none";
  return lead.nurtureUntil.getTime() < endOfToday.getTime() ? "due" : "nurturing";
}

/**
 * Fell silent: an open lead someone did contact, last touched `SILENT_AFTER_DAYS` ago or
 * more, with no follow-up scheduled and not in nurture. (A lead never contacted is
 * `uncontacted` instead; one with a missed follow-up is `overdue`.)
 */
export function isSilent(lead: FollowUpState, stage: StageRef | null, now: Date): boolean {
  if (isClosedStage(stage) || stage?.isNurture || isDoNotContact(lead)) return false;
  if (!lead.lastContactedAt || lead.nextFollowUpAt || lead.nurtureUntil) return false;
  return now.getTime() - lead.lastContactedAt.getTime() >= SILENT_AFTER_DAYS * DAY_MS;
}

/** Not contacted within `FIRST_CONTACT_TARGET_HOURS` of arriving. */
export function isFirstContactLate(
  lead: FollowUpState,
  stage: StageRef | null,
  now: Date,
): boolean {
  if (isClosedStage(stage) || isDoNotContact(lead) || lead.firstContactedAt) return false;
  return (
    now.getTime() - lead.firstReceivedAt.getTime() > FIRST_CONTACT_TARGET_HOURS * 60 * 60 * 1000
  );
}

export type FollowUpFlag =
  | "do_not_contact"
  | "overdue"
  | "due_today"
  | "nurture_due"
  | "uncontacted"
  | "silent"
  | "below_range"
  | "above_range";

/**
 * What the lists single out about a lead, most urgent first. `stage` is the lead's
 * resolved stage (the entry stage when it has none).
 */
export function followUpFlags(
  lead: FollowUpState,
  stage: StageRef | null,
  now: Date,
  endOfToday: Date,
): FollowUpFlag[] {
  if (isDoNotContact(lead)) return ["do_not_contact"];
  if (isClosedStage(stage)) return [];
  const flags: FollowUpFlag[] = [];
  const due = dueStatus(lead.nextFollowUpAt, now, endOfToday);
  if (due === "overdue") flags.push("overdue");
  if (due === "today") flags.push("due_today");
  if (nurtureStatus(lead, endOfToday) === "due") flags.push("nurture_due");
  if (isFirstContactLate(lead, stage, now)) flags.push("uncontacted");
  if (isSilent(lead, stage, now)) flags.push("silent");
  const range = followUpRangeStatus(lead.followUpCount);
  if (range === "below" && !stage?.isNurture) flags.push("below_range");
  if (range === "above") flags.push("above_range");
  return flags;
}
