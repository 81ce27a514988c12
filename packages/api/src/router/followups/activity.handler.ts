import { FollowUpRepository, PipelineRepository, TimelineRepository, type DbTx, type FollowUpLeadDto, type TimelineEventInput } from "@leadrelay/db";
import {
  activityEffects,
  addDays,
  CLOCK_SKEW_MS,
  isClosedStage,
  isContactActivity,
  MAX_SCHEDULE_AHEAD_DAYS,
  nextQualifiedAt,
  nurtureStage,
  qualificationStatus,
  stageMoveEffects,
} from "@leadrelay/leads";
import { appError } from "../../errors";
import type { TenantContext } from "../../trpc";
import { clockFor, leadView, loadPipeline, memberDirectory, pipelineOf, refuseDoNotContact, requireLead, type Pipeline } from "./_shared";
import type { LogActivityInput, ScheduleInput, SetQualificationInput, StartNurtureInput } from "./activity.schema";

const sameInstant = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** A follow-up may be scheduled from now (give or take clock skew) up to two years ahead, for an open, contactable lead. */
function assertSchedulable(lead: FollowUpLeadDto, pipeline: Pipeline, at: Date, now: Date) {
  refuseDoNotContact(lead, "scheduling a follow-up");
  const stage = pipeline.stages.find((s) => s.id === lead.stageId) ?? pipeline.entry;
  if (isClosedStage(stage)) {
    throw appError("BAD_REQUEST", "leadClosed", `This lead is in "${stage.name}", a closed stage. Move it back to an open stage to schedule follow-ups.`);
  }
  if (at.getTime() < now.getTime() - CLOCK_SKEW_MS) {
    throw appError("BAD_REQUEST", "nextFollowUpInPast", "The next follow-up must be in the future.");
  }
  if (at.getTime() > addDays(now, MAX_SCHEDULE_AHEAD_DAYS).getTime()) {
    throw appError("BAD_REQUEST", "nextFollowUpTooFar", "Schedule the next follow-up within two years.");
  }
}

async function lockedLeadAndPipeline(tx: DbTx, ctx: TenantContext, leadId: string) {
  const lead = await requireLead(tx, ctx.tenant.id, leadId, { lock: true });
  const pipeline = pipelineOf(await new PipelineRepository(tx).listStages(ctx.tenant.id));
  return { lead, pipeline };
}

function scheduledEvent(ctx: TenantContext, lead: FollowUpLeadDto, to: Date | null, at: Date): TimelineEventInput {
  return { tenantId: ctx.tenant.id, leadId: lead.id, actorId: ctx.user.id, kind: "followup.scheduled", data: { from: lead.nextFollowUpAt?.toISOString() ?? null, to: to?.toISOString() ?? null }, at };
}

/**
 * Logs a call, e-mail, meeting or note (refusing contact with do-not-contact leads), and
 * applies what it means for the lead: follow-up count, first/last contact, the next
 * follow-up, the nurture cadence and leaving the entry stage. One transaction, on the timeline.
 */
export async function logActivityHandler({ ctx, input }: { ctx: TenantContext; input: LogActivityInput }) {
  await loadPipeline(ctx);
  return ctx.db.$transaction(async (tx) => {
    const { lead, pipeline } = await lockedLeadAndPipeline(tx, ctx, input.leadId);
    const now = new Date();
    const occurredAt = input.occurredAt ?? now;
    if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw appError("BAD_REQUEST", "occurredInFuture", "An activity cannot have happened in the future. Schedule a follow-up instead.");
    }
    if (isContactActivity(input.type)) refuseDoNotContact(lead, "logging a call, e-mail or meeting");
    if (input.nextFollowUpAt) assertSchedulable(lead, pipeline, input.nextFollowUpAt, now);

    const effects = activityEffects(lead, pipeline.stages, { type: input.type, occurredAt, nextFollowUpAt: input.nextFollowUpAt });
    const followUps = new FollowUpRepository(tx);
    const activity = await followUps.addActivity({
      tenantId: ctx.tenant.id,
      leadId: lead.id,
      type: input.type,
      outcome: input.outcome || null,
      notes: input.notes || null,
      occurredAt,
      actorId: ctx.user.id,
    });
    const updated = await followUps.updateLead(ctx.tenant.id, lead.id, {
      incrementFollowUps: effects.countsAsFollowUp,
      ...(effects.firstContactedAt ? { firstContactedAt: effects.firstContactedAt } : {}),
      ...(effects.lastContactedAt ? { lastContactedAt: effects.lastContactedAt } : {}),
      ...(effects.nextFollowUpAt !== undefined ? { nextFollowUpAt: effects.nextFollowUpAt } : {}),
      ...(effects.nurtureUntil ? { nurtureUntil: effects.nurtureUntil } : {}),
      ...(effects.advanceToStageId ? { stageId: effects.advanceToStageId } : {}),
    });

    const events: TimelineEventInput[] = [
      {
        tenantId: ctx.tenant.id,
        leadId: lead.id,
        actorId: ctx.user.id,
        kind: "activity.logged",
        data: { activityId: activity.id, type: activity.type, outcome: activity.outcome, occurredAt: occurredAt.toISOString(), followUpCount: updated.followUpCount },
        at: now,
      },
    ];
    if (effects.nextFollowUpAt !== undefined && !sameInstant(lead.nextFollowUpAt, effects.nextFollowUpAt)) {
      events.push(scheduledEvent(ctx, lead, effects.nextFollowUpAt, now));
    }
    if (effects.advanceToStageId) {
      const from = pipeline.stages.find((s) => s.id === lead.stageId) ?? pipeline.entry;
      const to = pipeline.stages.find((s) => s.id === effects.advanceToStageId)!;
      events.push({
        tenantId: ctx.tenant.id,
        leadId: lead.id,
        actorId: ctx.user.id,
        kind: "stage.changed",
        data: { fromStageId: from.id, toStageId: to.id, from: from.name, to: to.name, reason: "firstContact" },
        at: now,
      });
    }
    await new TimelineRepository(tx).recordMany(events);
    return { activity, lead: leadView(updated, pipeline, await memberDirectory(tx, ctx.tenant.id), clockFor("UTC", now)) };
  });
}

/** Schedules (or clears) the lead's next follow-up. */
export async function scheduleHandler({ ctx, input }: { ctx: TenantContext; input: ScheduleInput }) {
  await loadPipeline(ctx);
  return ctx.db.$transaction(async (tx) => {
    const { lead, pipeline } = await lockedLeadAndPipeline(tx, ctx, input.leadId);
    const now = new Date();
    if (input.nextFollowUpAt) assertSchedulable(lead, pipeline, input.nextFollowUpAt, now);
    const owners = await memberDirectory(tx, ctx.tenant.id);
    if (sameInstant(lead.nextFollowUpAt, input.nextFollowUpAt)) return leadView(lead, pipeline, owners, clockFor("UTC", now));
    const updated = await new FollowUpRepository(tx).updateLead(ctx.tenant.id, lead.id, { nextFollowUpAt: input.nextFollowUpAt });
    await new TimelineRepository(tx).record(scheduledEvent(ctx, lead, input.nextFollowUpAt, now));
    return leadView(updated, pipeline, owners, clockFor("UTC", now));
  });
}

/**
 * Puts a lead in nurture (or changes its cadence): it moves to the nurture stage and
 * comes back on its owner's list every `cadenceDays`. Refused for do-not-contact leads.
 */
export async function startNurtureHandler({ ctx, input }: { ctx: TenantContext; input: StartNurtureInput }) {
  await loadPipeline(ctx);
  return ctx.db.$transaction(async (tx) => {
    const { lead, pipeline } = await lockedLeadAndPipeline(tx, ctx, input.leadId);
    refuseDoNotContact(lead, "nurturing it");
    const target = nurtureStage(pipeline.stages);
    if (!target) {
      throw appError("BAD_REQUEST", "noNurtureStage", "The pipeline has no nurture stage. An admin can mark an open stage as the nurture stage in the follow-up settings.");
    }
    const now = new Date();
    const from = pipeline.stages.find((s) => s.id === lead.stageId) ?? pipeline.entry;
    const patch = stageMoveEffects(lead, target, now, input.cadenceDays);
    const updated = await new FollowUpRepository(tx).updateLead(ctx.tenant.id, lead.id, patch);
    const events: TimelineEventInput[] = [];
    if (from.id !== target.id) {
      events.push({ tenantId: ctx.tenant.id, leadId: lead.id, actorId: ctx.user.id, kind: "stage.changed", data: { fromStageId: from.id, toStageId: target.id, from: from.name, to: target.name }, at: now });
    }
    events.push({
      tenantId: ctx.tenant.id,
      leadId: lead.id,
      actorId: ctx.user.id,
      kind: "nurture.started",
      data: { cadenceDays: input.cadenceDays, until: updated.nurtureUntil?.toISOString() ?? null },
      at: now,
    });
    await new TimelineRepository(tx).recordMany(events);
    return leadView(updated, pipeline, await memberDirectory(tx, ctx.tenant.id), clockFor("UTC", now));
  });
}

/** Checks or unchecks one criterion; the lead is qualified once its checklist is complete. */
export async function setQualificationHandler({ ctx, input }: { ctx: TenantContext; input: SetQualificationInput }) {
  await loadPipeline(ctx);
  return ctx.db.$transaction(async (tx) => {
    const { lead, pipeline } = await lockedLeadAndPipeline(tx, ctx, input.leadId);
    const criteriaRepo = new PipelineRepository(tx);
    const criterion = await criteriaRepo.findCriterion(ctx.tenant.id, input.criterionId);
    if (!criterion) throw appError("NOT_FOUND", "criterionNotFound", "No qualification criterion with this id in this publisher account.");
    if (criterion.archivedAt) throw appError("BAD_REQUEST", "criterionArchived", `The criterion "${criterion.label}" is archived and no longer part of the checklist.`);

    const followUps = new FollowUpRepository(tx);
    const now = new Date();
    const changed = await followUps.setCheck(lead.id, criterion.id, input.checked, ctx.user.id);
    const status = qualificationStatus(await criteriaRepo.listCriteria(ctx.tenant.id), (await followUps.checkedCriterionIds(lead.id)).keys());
    const qualifiedAt = nextQualifiedAt(lead.qualifiedAt, status, now);
    const events: TimelineEventInput[] = [];
    if (changed) {
      events.push({
        tenantId: ctx.tenant.id,
        leadId: lead.id,
        actorId: ctx.user.id,
        kind: input.checked ? "qualification.checked" : "qualification.unchecked",
        data: { criterionId: criterion.id, label: criterion.label },
        at: now,
      });
    }
    let updated = lead;
    if (!sameInstant(lead.qualifiedAt, qualifiedAt)) {
      updated = await followUps.updateLead(ctx.tenant.id, lead.id, { qualifiedAt });
      events.push({ tenantId: ctx.tenant.id, leadId: lead.id, actorId: ctx.user.id, kind: qualifiedAt ? "lead.qualified" : "lead.unqualified", data: {}, at: now });
    }
    await new TimelineRepository(tx).recordMany(events);
    return { lead: leadView(updated, pipeline, await memberDirectory(tx, ctx.tenant.id), clockFor("UTC", now)), qualification: status };
  });
}
