import type { AssignmentMode } from "./types";

export interface RoundRobinChoice {
  userId: string;
  /** Store as `lastAssignedIndex`. */
  index: number;
}

/**
 * The next owner in a round robin: the first rotation member after the last one assigned
 * who is still a member of the tenant. Members removed from the tenant are skipped
 * (the rotation keeps its order); null when nobody in the rotation can take leads.
 */
export function chooseRoundRobinOwner(
  rotation: readonly string[],
  lastAssignedIndex: number,
  currentMemberIds: ReadonlySet<string>,
): RoundRobinChoice | null {
  const n = rotation.length;
  if (n === 0) return null;
  const start = lastAssignedIndex >= 0 && lastAssignedIndex < n ? lastAssignedIndex + 1 : 0;
  for (let step = 0; step < n; step++) {
    const index = (start + step) % n;
    const userId = rotation[index]!;
    if (currentMemberIds.has(userId)) return { userId, index };
  }
  return null;
}

/** A rotation as saved: members only, each once, in the order given. */
export function normaliseRotation(
  userIds: readonly string[],
  memberIds: ReadonlySet<string>,
): { rotation: string[]; unknown: string[] } {
  const rotation: string[] = [];
  const unknown: string[] = [];
  for (const id of userIds) {
    if (!memberIds.has(id)) unknown.push(id);
    else if (!rotation.includes(id)) rotation.push(id);
  }
  return { rotation, unknown };
}

export interface AssignmentRule {
  mode: AssignmentMode;
  rotation: readonly string[];
  lastAssignedIndex: number;
}

export type AssignmentDecision =
  | { kind: "none" }
  | { kind: "round_robin"; userId: string; index: number }
  | { kind: "by_offer"; userId: string };

/**
 * Who gets a new lead. By offer: the offer's default owner while they are a member, else
 * (no offer, no owner set) the round robin when one is configured. Manual: nobody.
 */
export function decideAssignment(
  rule: AssignmentRule,
  offerOwnerId: string | null,
  currentMemberIds: ReadonlySet<string>,
): AssignmentDecision {
  if (rule.mode === "MANUAL") return { kind: "none" };
  if (rule.mode === "BY_OFFER" && offerOwnerId && currentMemberIds.has(offerOwnerId)) {
    return { kind: "by_offer", userId: offerOwnerId };
  }
  const next = chooseRoundRobinOwner(rule.rotation, rule.lastAssignedIndex, currentMemberIds);
  return next ? { kind: "round_robin", userId: next.userId, index: next.index } : { kind: "none" };
}
