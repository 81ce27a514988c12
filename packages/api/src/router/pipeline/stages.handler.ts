import { FollowUpRepository, PipelineRepository, TimelineRepository, type DbTx, type StageDto } from "@leadrelay/db";
import { isPermutation, MAX_PIPELINE_STAGES, pipelineProblems, stageMoveEffects, type PipelineProblem } from "@leadrelay/leads";
import { appError } from "../../errors";
import type { TenantContext } from "../../trpc";
import { loadPipeline, pipelineOf, requireStage } from "../followups/_shared";
import type { CreateStageInput, DeleteStageInput, ReorderStagesInput, UpdateStageInput } from "./stages.schema";

const PROBLEM_MESSAGES: Record<PipelineProblem, string> = {
  needsOpenStage: "The pipeline needs at least one open stage that is not the nurture stage: new leads start there.",
  nurtureMustBeOpen: "Only an open stage can hold nurtured leads; won, lost and disqualified stages cannot.",
  oneNurtureStage: "Only one stage can hold nurtured leads.",
  tooManyStages: `A pipeline has at most ${MAX_PIPELINE_STAGES} stages.`,
  duplicateStageName: "Another stage already has this name.",
};

function assertValidPipeline(stages: StageDto[]) {
  const [problem] = pipelineProblems(stages, MAX_PIPELINE_STAGES);
  if (problem) throw appError("BAD_REQUEST", problem, PROBLEM_MESSAGES[problem]);
}

/** Stages in order, each with its number of (real) leads. */
export async function listStagesHandler({ ctx }: { ctx: TenantContext }) {
  const pipeline = await loadPipeline(ctx);
  const counts = await new FollowUpRepository(ctx.db).stageCounts(ctx.tenant.id, pipeline.stages.map((s) => s.id), pipeline.scope);
  return pipeline.stages.map((s) => ({ ...s, isEntry: s.id === pipeline.entry.id, leadCount: counts.get(s.id) ?? 0 }));
}

export async function createStageHandler({ ctx, input }: { ctx: TenantContext; input: CreateStageInput }) {
  await loadPipeline(ctx);
  return ctx.db.$transaction(async (tx) => {
    const repo = new PipelineRepository(tx);
    const stages = await repo.listStages(ctx.tenant.id);
    // A new nurture stage takes over from the old one, which must be empty (see update).
    const nurture = input.isNurture ? stages.find((s) => s.isNurture) : undefined;
    if (nurture) await assertNoLeads(tx, ctx.tenant.id, nurture, stages);
    const prospective = [
      ...stages.map((s) => (input.isNurture ? { ...s, isNurture: false } : s)),
      { id: "new", position: stages.length, ...input },
    ];
    assertValidPipeline(prospective);
    const created = await repo.createStage(ctx.tenant.id, input);
    if (input.isNurture) await repo.clearNurtureExcept(ctx.tenant.id, created.id);
    return created;
  });
}

async function assertNoLeads(tx: DbTx, tenantId: string, stage: StageDto, stages: StageDto[]) {
  const count = (await new FollowUpRepository(tx).stageCounts(tenantId, stages.map((s) => s.id), pipelineOf(stages).scope)).get(stage.id) ?? 0;
  if (count > 0) {
    throw appError(
      "BAD_REQUEST",
      "nurtureStageHasLeads",
      `The stage "${stage.name}" has ${count} lead(s). Move them to another stage before changing which stage holds nurtured leads.`,
    );
  }
}

export async function updateStageHandler({ ctx, input }: { ctx: TenantContext; input: UpdateStageInput }) {
  await loadPipeline(ctx);
  return ctx.db.$transaction(async (tx) => {
    const repo = new PipelineRepository(tx);
    const stages = await repo.listStages(ctx.tenant.id);
    const stage = requireStage(stages, input.stageId);
    const { stageId: _id, ...patch } = input;
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Omit<StageDto, "id" | "position">>;
    if ("description" in changes) changes.description = changes.description || null;

    // Changing which stage holds nurtured leads would strand or invent nurture cadences.
    const nurtureChanges = changes.isNurture !== undefined && changes.isNurture !== stage.isNurture;
    if (nurtureChanges) {
      await assertNoLeads(tx, ctx.tenant.id, stage, stages);
      const previous = changes.isNurture ? stages.find((s) => s.isNurture && s.id !== stage.id) : undefined;
      if (previous) await assertNoLeads(tx, ctx.tenant.id, previous, stages);
    }
    const prospective = stages.map((s) =>
      s.id === stage.id ? { ...s, ...changes } : changes.isNurture ? { ...s, isNurture: false } : s,
    );
    assertValidPipeline(prospective);
    if (changes.isNurture) await repo.clearNurtureExcept(ctx.tenant.id, stage.id);
    return repo.updateStage(ctx.tenant.id, stage.id, changes);
  });
}

export async function reorderStagesHandler({ ctx, input }: { ctx: TenantContext; input: ReorderStagesInput }) {
  await loadPipeline(ctx);
  return ctx.db.$transaction(async (tx) => {
    const repo = new PipelineRepository(tx);
    const stages = await repo.listStages(ctx.tenant.id);
    if (!isPermutation(stages.map((s) => s.id), input.stageIds)) {
      throw appError("BAD_REQUEST", "stageOrderMismatch", "List every stage of the pipeline exactly once, in the new order.");
    }
    const reordered = input.stageIds.map((id, position) => ({ ...requireStage(stages, id), position }));
    assertValidPipeline(reordered);
    await repo.setStagePositions(ctx.tenant.id, input.stageIds);
    return repo.listStages(ctx.tenant.id);
  });
}

/** Deletes a stage after moving its leads (each move on the lead's timeline). */
export async function deleteStageHandler({ ctx, input }: { ctx: TenantContext; input: DeleteStageInput }) {
  await loadPipeline(ctx);
  return ctx.db.$transaction(async (tx) => {
    const repo = new PipelineRepository(tx);
    const stages = await repo.listStages(ctx.tenant.id);
    const stage = requireStage(stages, input.stageId);
    const target = requireStage(stages, input.moveLeadsToStageId);
    if (target.id === stage.id) {
      throw appError("BAD_REQUEST", "moveToSameStage", "Choose another stage for the leads of the stage you delete.");
    }
    assertValidPipeline(stages.filter((s) => s.id !== stage.id));

    const now = new Date();
    const effects = stageMoveEffects({ nurtureUntil: null, nurtureCadenceDays: null }, target, now);
    const moved = await new FollowUpRepository(tx).moveStageLeads(ctx.tenant.id, stage.id, pipelineOf(stages).scope, { ...effects, stageId: target.id });
    await new TimelineRepository(tx).recordMany(
      moved.map((leadId) => ({
        tenantId: ctx.tenant.id,
        leadId,
        actorId: ctx.user.id,
        kind: "stage.changed",
        data: { fromStageId: stage.id, toStageId: target.id, from: stage.name, to: target.name, reason: "stageDeleted" },
        at: now,
      })),
    );
    await repo.deleteStage(ctx.tenant.id, stage.id);
    return { deletedStageId: stage.id, movedLeads: moved.length };
  });
}
