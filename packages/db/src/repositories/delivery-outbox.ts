import type { DbTx } from "../client";

export const DELIVER_TASK = "deliver";

/** Destinations a lead for this offer goes to: the offer's own, else the tenant-wide defaults. */
export async function activeDestinationIds(db: DbTx, tenantId: string, offerId: string | null): Promise<{ id: string; held: boolean }[]> {
  const candidates = await db.destination.findMany({
    where: { tenantId, state: { not: "DISABLED" }, OR: [{ offerId: null }, ...(offerId ? [{ offerId }] : [])] },
    select: { id: true, offerId: true, state: true },
  });
  const own = candidates.filter((d) => d.offerId !== null);
  const chosen = own.length > 0 ? own : candidates;
  return chosen.map((d) => ({ id: d.id, held: d.state === "PAUSED" }));
}

/**
 * The transactional outbox: called inside the capture transaction, it records one
 * Delivery per destination and adds its job to the queue with the same connection,
 * so a lead is never stored without its deliveries (or queued without its lead).
 * Deliveries to a paused destination or of a suspended tenant are HELD, without a job;
 * resuming queues them.
 */
export async function queueDeliveries(
  tx: DbTx,
  input: { tenantId: string; leadId: string; touchpointId: string; offerId: string | null; tenantSuspended: boolean },
): Promise<string[]> {
  const destinations = await activeDestinationIds(tx, input.tenantId, input.offerId);
  const ids: string[] = [];
  for (const destination of destinations) {
    const held = destination.held || input.tenantSuspended;
    const delivery = await tx.delivery.create({
      data: {
        tenantId: input.tenantId,
        leadId: input.leadId,
        touchpointId: input.touchpointId,
        destinationId: destination.id,
        status: held ? "HELD" : "PENDING",
        idempotencyKey: `msg_${input.touchpointId}_${destination.id}`,
      },
      select: { id: true },
    });
    if (!held) await enqueueDeliveryJob(tx, delivery.id);
    ids.push(delivery.id);
  }
  return ids;
}

/** Adds (or moves) the delivery's single job; the job key keeps one job per delivery. */
export async function enqueueDeliveryJob(tx: DbTx, deliveryId: string, runAt?: Date): Promise<void> {
  await tx.$executeRaw`SELECT graphile_worker.add_job(
    ${DELIVER_TASK},
    json_build_object('deliveryId', ${deliveryId}::text),
    queue_name => NULL,
    run_at => ${runAt ?? null}::timestamptz,
    max_attempts => 10,
    job_key => ${`delivery:${deliveryId}`}::text
  )`;
}

