/** One prerequisite of a fully qualified lead. */
export interface CriterionRef {
  id: string;
  label: string;
}

export interface QualificationStatus {
  /** Every active criterion is checked (and there is at least one). */
  complete: boolean;
  checked: number;
  total: number;
  /** Active criteria still unchecked, in checklist order: what the UI shows as missing. */
  missing: CriterionRef[];
}

/**
 * A lead is qualified when its checklist is complete. Checks of archived criteria do not
 * count; a tenant with no criteria qualifies nobody (the checklist is what defines it).
 */
export function qualificationStatus(
  activeCriteria: readonly CriterionRef[],
  checkedIds: Iterable<string>,
): QualificationStatus {
  const checked = new Set(checkedIds);
  const missing = activeCriteria.filter((c) => !checked.has(c.id));
  const total = activeCriteria.length;
  return {
    complete: total > 0 && missing.length === 0,
    checked: total - missing.length,
    total,
    missing,
  };
}

/**
 * The lead's `qualifiedAt` after a change of its checklist: set when it becomes complete,
 * kept while it stays complete, cleared when it no longer is.
 */
export function nextQualifiedAt(
  previous: Date | null,
  status: QualificationStatus,
  now: Date,
): Date | null {
  if (!status.complete) return null;
  return previous ?? now;
}
