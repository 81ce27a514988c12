import { AuditRepository, PipelineRepository } from "@leadrelay/db";
import { normaliseRotation } from "@leadrelay/leads";
import { appError } from "../../errors";
import type { TenantContext } from "../../trpc";
import type { UpdateAssignmentInput } from "./assignment.schema";

export async function getAssignmentHandler({ ctx }: { ctx: TenantContext }) {
  const repo = new PipelineRepository(ctx.db);
  const [settings, members] = await Promise.all([repo.getAssignment(ctx.tenant.id), repo.memberIds(ctx.tenant.id)]);
  // People who left stay in the saved rotation (they are skipped); the UI shows members only.
  return { ...settings, roundRobinUserIds: settings.roundRobinUserIds.filter((id) => members.has(id)) };
}

export async function updateAssignmentHandler({ ctx, input }: { ctx: TenantContext; input: UpdateAssignmentInput }) {
  return ctx.db.$transaction(async (tx) => {
    const repo = new PipelineRepository(tx);
    const { rotation, unknown } = normaliseRotation(input.roundRobinUserIds, await repo.memberIds(ctx.tenant.id));
    if (unknown.length > 0) {
      throw appError("NOT_FOUND", "memberNotFound", "Only members of this publisher account can take turns in the round robin.");
    }
    if (input.mode === "ROUND_ROBIN" && rotation.length === 0) {
      throw appError("BAD_REQUEST", "emptyRotation", "Choose at least one member to take turns for round-robin assignment.");
    }
    const previous = await repo.getAssignment(ctx.tenant.id);
    const rotationChanged = previous.roundRobinUserIds.join(",") !== rotation.join(",");
    const saved = await repo.saveAssignment(ctx.tenant.id, { mode: input.mode, roundRobinUserIds: rotation, resetTurn: rotationChanged });
    await new AuditRepository(tx).record({
      tenantId: ctx.tenant.id,
      actorId: ctx.user.id,
      action: "followup.assignment_changed",
      targetType: "tenant",
      targetId: ctx.tenant.id,
      data: { from: previous.mode, to: saved.mode, rotation },
    });
    return saved;
  });
}
