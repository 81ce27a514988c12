/**
 * Next.js start-up hook: runs the delivery worker inside the web app's server process,
 * so a single `pnpm start` delivers leads. Set LEADRELAY_EMBEDDED_WORKER=false when
 * separate `pnpm worker` processes do the work. Node.js runtime only (the import stays
 * out of any Edge bundle), and not while `next build` prerenders pages.
 */
export async function register() {
  // eslint-disable-next-line no-restricted-properties -- Next's own runtime markers, set by Next itself
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startEmbeddedWorker } = await import("@leadrelay/worker");
    await startEmbeddedWorker();
  }
}
