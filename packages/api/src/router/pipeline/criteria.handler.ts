import { PipelineRepository } from "@leadrelay/db";
import { isPermutation, MAX_QUALIFICATION_CRITERIA } from "@leadrelay/leads";
import { appError } from "../../errors";
import type { TenantContext } from "../../trpc";
import { loadPipeline } from "../followups/_shared";
import type { ArchiveCriterionInput, CreateCriterionInput, ListCriteriaInput, ReorderCriteriaInput, UpdateCriterionInput } from "./criteria.schema";

async function requireCriterion(repo: PipelineRepository, tenantId: string, criterionId: string) {
  const criterion = await repo.findCriterion(tenantId, criterionId);
  if (!criterion) throw appError("NOT_FOUND", "criterionNotFound", "No qualification criterion with this id in this publisher account.");
  return criterion;
}

function assertUniqueLabel(existing: { id: string; label: string; archivedAt: Date | null }[], label: string, exceptId?: string) {
  const taken = existing.some((c) => c.id !== exceptId && !c.archivedAt && c.label.trim().toLowerCase() === label.trim().toLowerCase());
  if (taken) throw appError("BAD_REQUEST", "duplicateCriterion", "The checklist already has a criterion with this label.");
}

export async function listCriteriaHandler({ ctx, input }: { ctx: TenantContext; input: ListCriteriaInput }) {
  await loadPipeline(ctx);
  return new PipelineRepository(ctx.db).listCriteria(ctx.tenant.id, { includeArchived: input.includeArchived });
}

export async function createCriterionHandler({ ctx, input }: { ctx: TenantContext; input: CreateCriterionInput }) {
  await loadPipeline(ctx);
  return ctx.db.$transaction(async (tx) => {
    const repo = new PipelineRepository(tx);
    const active = await repo.listCriteria(ctx.tenant.id);
    if (active.length >= MAX_QUALIFICATION_CRITERIA) {
      throw appError("BAD_REQUEST", "tooManyCriteria", `A checklist has at most ${MAX_QUALIFICATION_CRITERIA} criteria. Archive one first.`);
    }
    assertUniqueLabel(active, input.label);
    return repo.createCriterion(ctx.tenant.id, { label: input.label, description: input.description || null });
  });
}

export async function updateCriterionHandler({ ctx, input }: { ctx: TenantContext; input: UpdateCriterionInput }) {
  await loadPipeline(ctx);
  return ctx.db.$transaction(async (tx) => {
    const repo = new PipelineRepository(tx);
    const criterion = await requireCriterion(repo, ctx.tenant.id, input.criterionId);
    if (input.label) assertUniqueLabel(await repo.listCriteria(ctx.tenant.id), input.label, criterion.id);
    return repo.updateCriterion(ctx.tenant.id, criterion.id, {
      ...(input.label !== undefined ? { label: input.label } : {}),
      ...(input.description !== undefined ? { description: input.description || null } : {}),
    });
  });
}

/**
 * Archiving keeps the criterion and the checks made against it (history), but takes it
 * off every checklist. A lead's `qualifiedAt` is not rewritten: it records when its
 * checklist was complete; the live verdict is always computed from the active criteria.
 */
export async function archiveCriterionHandler({ ctx, input }: { ctx: TenantContext; input: ArchiveCriterionInput }) {
  await loadPipeline(ctx);
  return ctx.db.$transaction(async (tx) => {
    const repo = new PipelineRepository(tx);
    const criterion = await requireCriterion(repo, ctx.tenant.id, input.criterionId);
    if (!input.archived) {
      const active = await repo.listCriteria(ctx.tenant.id);
      if (active.length >= MAX_QUALIFICATION_CRITERIA) {
        throw appError("BAD_REQUEST", "tooManyCriteria", `A checklist has at most ${MAX_QUALIFICATION_CRITERIA} criteria. Archive one first.`);
      }
      assertUniqueLabel(active, criterion.label, criterion.id);
    }
    return repo.updateCriterion(ctx.tenant.id, criterion.id, { archivedAt: input.archived ? (criterion.archivedAt ?? new Date()) : null });
  });
}

export async function reorderCriteriaHandler({ ctx, input }: { ctx: TenantContext; input: ReorderCriteriaInput }) {
  await loadPipeline(ctx);
  return ctx.db.$transaction(async (tx) => {
    const repo = new PipelineRepository(tx);
    const active = await repo.listCriteria(ctx.tenant.id);
    if (!isPermutation(active.map((c) => c.id), input.criterionIds)) {
      throw appError("BAD_REQUEST", "criterionOrderMismatch", "List every active criterion of the checklist exactly once, in the new order.");
    }
    await repo.setCriterionPositions(ctx.tenant.id, input.criterionIds);
    return repo.listCriteria(ctx.tenant.id);
  });
}
