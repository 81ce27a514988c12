import { FollowUpRepository, PipelineRepository, TimelineRepository } from "@leadrelay/db";
import { qualificationStatus } from "@leadrelay/leads";
import { appError } from "../../errors";
import type { TenantContext } from "../../trpc";
import { clockFor, leadView, loadPipeline, memberDirectory, requireLead } from "./_shared";
import type { LeadFollowUpInput, TimelineInput } from "./lead.schema";

/** Everything the lead's follow-up panel shows: state, checklist with what is missing, and recent activities. */
export async function leadFollowUpHandler({ ctx, input }: { ctx: TenantContext; input: LeadFollowUpInput }) {
  const pipeline = await loadPipeline(ctx);
  const lead = await requireLead(ctx.db, ctx.tenant.id, input.leadId);
  const followUps = new FollowUpRepository(ctx.db);
  const [criteria, checks, activities, owners] = await Promise.all([
    new PipelineRepository(ctx.db).listCriteria(ctx.tenant.id),
    followUps.checkedCriterionIds(lead.id),
    followUps.listActivities(ctx.tenant.id, lead.id, 50),
    memberDirectory(ctx.db, ctx.tenant.id),
  ]);
  const status = qualificationStatus(criteria, checks.keys());
  return {
    lead: leadView(lead, pipeline, owners, clockFor(input.timeZone)),
    qualification: {
      ...status,
      criteria: criteria.map((c) => {
        const check = checks.get(c.id);
        return {
          id: c.id,
          label: c.label,
          description: c.description,
          checked: !!check,
          checkedAt: check?.checkedAt ?? null,
          checkedBy: check?.checkedById ? (owners.get(check.checkedById) ?? null) : null,
        };
      }),
    },
    activities: activities.map((a) => ({ ...a, actor: a.actorId ? (owners.get(a.actorId) ?? null) : null })),
  };
}

export async function timelineHandler({ ctx, input }: { ctx: TenantContext; input: TimelineInput }) {
  await requireLead(ctx.db, ctx.tenant.id, input.leadId);
  const timeline = new TimelineRepository(ctx.db);
  if (input.cursor && !(await timeline.cursorBelongs(ctx.tenant.id, input.leadId, input.cursor))) {
    throw appError("BAD_REQUEST", "invalidCursor", "The cursor does not belong to this lead's timeline. Start again without one.");
  }
  return timeline.list(ctx.tenant.id, input.leadId, { cursor: input.cursor ?? null, take: input.limit });
}
