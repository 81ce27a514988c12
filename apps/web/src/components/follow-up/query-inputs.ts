/**
 * Query inputs shared by server prefetches and client components: the two must build the
 * exact same input for the prefetched data to be used.
 */
export const DUE_LIMIT = 100;
export const BOARD_PER_STAGE = 30;

export function dueInput(owner: string, timeZone: string) {
  return { owner, timeZone, limit: DUE_LIMIT };
}

export function boardInput(owner: string, q: string, timeZone: string) {
  return { owner, perStage: BOARD_PER_STAGE, timeZone, ...(q ? { q } : {}) };
}
