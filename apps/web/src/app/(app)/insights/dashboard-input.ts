/** The dashboard query's input, built the same way by the server prefetch and the client. */
export function dashboardInput(filters: { from: string; to: string; offerId: string }, timeZone: string) {
  return { from: filters.from, to: filters.to, timeZone, ...(filters.offerId ? { offerId: filters.offerId } : {}) };
}
