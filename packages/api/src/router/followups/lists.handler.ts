import { FollowUpRepository } from "@leadrelay/db";
import { appError } from "../../errors";
import type { TenantContext } from "../../trpc";
import { clockFor, leadView, loadPipeline, memberDirectory, requireStage, resolveOwnerFilter } from "./_shared";
import type { DueInput, ListInput } from "./lists.schema";

/**
 * Today's work for an owner (or the team): overdue follow-ups, the rest of today's, and
 * nurtured leads due for a touch; with per-owner counts when looking at everyone.
 */
export async function dueHandler({ ctx, input }: { ctx: TenantContext; input: DueInput }) {
  const pipeline = await loadPipeline(ctx);
  const clock = clockFor(input.timeZone);
  const followUps = new FollowUpRepository(ctx.db);
  const owner = resolveOwnerFilter(ctx, input.owner);
  const [lists, counts, owners] = await Promise.all([
    followUps.dueLists(ctx.tenant.id, owner, pipeline.scope, clock.now, clock.endOfToday, input.limit),
    followUps.dueCountsByOwner(ctx.tenant.id, pipeline.scope, clock.now, clock.endOfToday),
    memberDirectory(ctx.db, ctx.tenant.id),
  ]);
  const view = (lead: Parameters<typeof leadView>[0]) => leadView(lead, pipeline, owners, clock);
  // Owners who left count as unassigned, as their leads show.
  const byOwner = new Map<string | null, { overdue: number; today: number; nurtureDue: number }>();
  for (const row of counts) {
    const key = row.ownerId && owners.has(row.ownerId) ? row.ownerId : null;
    const sum = byOwner.get(key) ?? { overdue: 0, today: 0, nurtureDue: 0 };
    byOwner.set(key, { overdue: sum.overdue + row.overdue, today: sum.today + row.today, nurtureDue: sum.nurtureDue + row.nurtureDue });
  }
  return {
    endOfToday: clock.endOfToday,
    overdue: lists.overdue.map(view),
    today: lists.today.map(view),
    nurtureDue: lists.nurtureDue.map(view),
    owners: [...byOwner.entries()].map(([ownerId, c]) => ({ owner: ownerId ? owners.get(ownerId)! : null, ...c })),
  };
}

/** The list beside the board: filter by owner, stage, offer, text or a follow-up flag (silent, overdue…). */
export async function listHandler({ ctx, input }: { ctx: TenantContext; input: ListInput }) {
  const pipeline = await loadPipeline(ctx);
  if (input.stageId) requireStage(pipeline.stages, input.stageId);
  const followUps = new FollowUpRepository(ctx.db);
  if (input.cursor && !(await followUps.cursorIsValid(ctx.tenant.id, input.cursor))) {
    throw appError("BAD_REQUEST", "invalidCursor", "The cursor is not valid for this list. Start again without one.");
  }
  const clock = clockFor(input.timeZone);
  const [page, owners] = await Promise.all([
    followUps.list(
      ctx.tenant.id,
      { owner: resolveOwnerFilter(ctx, input.owner), stageId: input.stageId, offerId: input.offerId, q: input.q || undefined, flag: input.flag },
      pipeline.scope,
      clock.now,
      clock.endOfToday,
      { cursor: input.cursor ?? null, limit: input.limit },
    ),
    memberDirectory(ctx.db, ctx.tenant.id),
  ]);
  return { items: page.items.map((lead) => leadView(lead, pipeline, owners, clock)), nextCursor: page.nextCursor };
}
