import { FollowUpRepository, PipelineRepository, TimelineRepository } from "@leadrelay/db";
import { stageMoveEffects } from "@leadrelay/leads";
import type { TenantContext } from "../../trpc";
import { clockFor, leadView, loadPipeline, memberDirectory, pipelineOf, refuseDoNotContact, requireLead, requireMember, requireStage, resolveOwnerFilter } from "../followups/_shared";
import type { AssignOwnerInput, BoardInput, MoveLeadInput } from "./board.schema";

/** The board: one column per stage, most urgent leads first. */
export async function boardHandler({ ctx, input }: { ctx: TenantContext; input: BoardInput }) {
  const pipeline = await loadPipeline(ctx);
  const clock = clockFor(input.timeZone);
  const [columns, owners] = await Promise.all([
    new FollowUpRepository(ctx.db).board(
      ctx.tenant.id,
      pipeline.stages.map((s) => s.id),
      { owner: resolveOwnerFilter(ctx, input.owner), offerId: input.offerId, q: input.q || undefined },
      pipeline.scope,
      clock.now,
      clock.endOfToday,
      input.perStage,
    ),
    memberDirectory(ctx.db, ctx.tenant.id),
  ]);
  return {
    columns: columns.map((column) => ({
      stage: { ...requireStage(pipeline.stages, column.stageId), isEntry: column.stageId === pipeline.entry.id },
      total: column.total,
      leads: column.leads.map((lead) => leadView(lead, pipeline, owners, clock)),
    })),
  };
}

/**
 * Moves a lead to a stage. Closing it (won, lost, disqualified) ends its follow-ups; the
 * nurture stage starts a nurture cadence (refused for do-not-contact leads: nurture means
 * contacting them); leaving nurture ends it. On the lead's timeline.
 */
export async function moveLeadHandler({ ctx, input }: { ctx: TenantContext; input: MoveLeadInput }) {
  await loadPipeline(ctx);
  return ctx.db.$transaction(async (tx) => {
    const lead = await requireLead(tx, ctx.tenant.id, input.leadId, { lock: true });
    const pipeline = pipelineOf(await new PipelineRepository(tx).listStages(ctx.tenant.id));
    const target = requireStage(pipeline.stages, input.stageId);
    const current = pipeline.stages.find((s) => s.id === lead.stageId) ?? pipeline.entry;
    const followUps = new FollowUpRepository(tx);
    const clock = clockFor("UTC");
    if (current.id === target.id) {
      // Already there: make sure the stage is stored (no stage means the entry stage), record nothing.
      const stored = lead.stageId === target.id ? lead : await followUps.updateLead(ctx.tenant.id, lead.id, { stageId: target.id });
      return leadView(stored, pipeline, await memberDirectory(tx, ctx.tenant.id), clock);
    }
    if (target.isNurture) refuseDoNotContact(lead, "nurturing it");
    const updated = await followUps.updateLead(ctx.tenant.id, lead.id, stageMoveEffects(lead, target, clock.now));
    await new TimelineRepository(tx).record({
      tenantId: ctx.tenant.id,
      leadId: lead.id,
      actorId: ctx.user.id,
      kind: "stage.changed",
      data: { fromStageId: current.id, toStageId: target.id, from: current.name, to: target.name },
      at: clock.now,
    });
    return leadView(updated, pipeline, await memberDirectory(tx, ctx.tenant.id), clock);
  });
}

/** Hands a lead to a member (or unassigns it). On the lead's timeline. */
export async function assignOwnerHandler({ ctx, input }: { ctx: TenantContext; input: AssignOwnerInput }) {
  const pipeline = await loadPipeline(ctx);
  return ctx.db.$transaction(async (tx) => {
    const lead = await requireLead(tx, ctx.tenant.id, input.leadId, { lock: true });
    if (input.ownerId) await requireMember(tx, ctx.tenant.id, input.ownerId);
    const owners = await memberDirectory(tx, ctx.tenant.id);
    const clock = clockFor("UTC");
    if (lead.ownerId === input.ownerId) return leadView(lead, pipeline, owners, clock);
    const updated = await new FollowUpRepository(tx).updateLead(ctx.tenant.id, lead.id, { ownerId: input.ownerId });
    await new TimelineRepository(tx).record({
      tenantId: ctx.tenant.id,
      leadId: lead.id,
      actorId: ctx.user.id,
      kind: "owner.changed",
      data: {
        fromUserId: lead.ownerId,
        toUserId: input.ownerId,
        from: lead.ownerId ? (owners.get(lead.ownerId)?.name ?? owners.get(lead.ownerId)?.email ?? null) : null,
        to: input.ownerId ? (owners.get(input.ownerId)?.name ?? owners.get(input.ownerId)?.email ?? null) : null,
      },
      at: clock.now,
    });
    return leadView(updated, pipeline, owners, clock);
  });
}
