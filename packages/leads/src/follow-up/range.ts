import { FOLLOW_UP_RANGE } from "./policy";

/**
 * Where a lead's follow-up count stands against the 5–12 range: `none` (never contacted),
 * `below` (keep going), `within`, or `above` (time to decide: win, lose or nurture).
 */
export type FollowUpRangeStatus = "none" | "below" | "within" | "above";

export function followUpRangeStatus(count: number): FollowUpRangeStatus {
  if (count <= 0) return "none";
  if (count < FOLLOW_UP_RANGE.min) return "below";
  if (count <= FOLLOW_UP_RANGE.max) return "within";
  return "above";
}
