/** The follow-up vocabularies, spelled as the database stores them. */

export const STAGE_KINDS = ["OPEN", "WON", "LOST", "DISQUALIFIED"] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export const ACTIVITY_TYPES = ["CALL", "EMAIL", "MEETING", "NOTE"] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ASSIGNMENT_MODES = ["MANUAL", "ROUND_ROBIN", "BY_OFFER"] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** A pipeline stage as the rules need it. */
export interface StageRef {
  id: string;
  position: number;
  kind: StageKind;
  isNurture: boolean;
}

/** The follow-up columns of a lead. */
export interface FollowUpState {
  /** The lead's funnel stage from the marketplace action (`DO_NOT_CONTACT` or `do_not_contact` for DNC). */
  funnelStage: string;
  /** Null means the pipeline's entry stage (new leads carry no stage until someone works them). */
  stageId: string | null;
  followUpCount: number;
  firstReceivedAt: Date;
  firstContactedAt: Date | null;
  lastContactedAt: Date | null;
  nextFollowUpAt: Date | null;
  nurtureUntil: Date | null;
  nurtureCadenceDays: number | null;
}
