import {
  decideAssignment,
  defaultPipelineStages,
  defaultQualificationCriteria,
  type AssignmentDecision,
} from "@leadrelay/leads";
import type { Db, DbTx } from "../client";
import type { Prisma } from "../generated/prisma/client";
import type { AssignmentMode, StageKind } from "../generated/prisma/enums";

// ---------------------------------------------------------------- DTOs

export interface StageDto {
  id: string;
  name: string;
  /** The milestone that completes the stage. */
  description: string | null;
  position: number;
  kind: StageKind;
  isNurture: boolean;
}

export interface CriterionDto {
  id: string;
  label: string;
  description: string | null;
  position: number;
  archivedAt: Date | null;
}

export interface AssignmentSettingsDto {
  mode: AssignmentMode;
  /** Members taking turns, in order. */
  roundRobinUserIds: string[];
  lastAssignedIndex: number;
}

export interface StageInput {
  name: string;
  description?: string | null;
  kind: StageKind;
  isNurture: boolean;
}

const stageSelect = {
  id: true,
  name: true,
  description: true,
  position: true,
  kind: true,
  isNurture: true,
} as const satisfies Prisma.PipelineStageSelect;

const criterionSelect = {
  id: true,
  label: true,
  description: true,
  position: true,
  archivedAt: true,
} as const satisfies Prisma.QualificationCriterionSelect;

const DEFAULT_ASSIGNMENT: AssignmentSettingsDto = { mode: "MANUAL", roundRobinUserIds: [], lastAssignedIndex: -1 };

/**
 * A tenant's sales process: pipeline stages, the qualification checklist and the rule
 * that assigns owners. Stages and checklist are created with sensible defaults the first
 * time anyone uses them (see `ensurePipeline`).
 */
export class PipelineRepository {
  constructor(private readonly db: DbTx) {}

  // ---------------------------------------------------------------- defaults

  /**
   * Creates the default stages and checklist for a tenant that has none. Must run in a
   * transaction: the advisory lock makes concurrent first uses create them once. A tenant
   * that deleted or archived everything keeps it that way (only never-initialised parts
   * are created).
   */
  async ensureDefaults(tenantId: string, locale: string | null): Promise<void> {
    await this.db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`pipeline-defaults:${tenantId}`}, 0))`;
    const [stages, criteria] = await Promise.all([
      this.db.pipelineStage.count({ where: { tenantId } }),
      this.db.qualificationCriterion.count({ where: { tenantId } }),
    ]);
    if (stages === 0) {
      await this.db.pipelineStage.createMany({
        data: defaultPipelineStages(locale).map((s, position) => ({
          tenantId,
          name: s.name,
          description: s.description,
          kind: s.kind,
          isNurture: s.isNurture,
          position,
        })),
      });
    }
    if (criteria === 0) {
      await this.db.qualificationCriterion.createMany({
        data: defaultQualificationCriteria(locale).map((c, position) => ({ tenantId, label: c.label, description: c.description, position })),
      });
    }
  }

  async isInitialised(tenantId: string): Promise<boolean> {
    const [stage, criterion] = await Promise.all([
      this.db.pipelineStage.findFirst({ where: { tenantId }, select: { id: true } }),
      this.db.qualificationCriterion.findFirst({ where: { tenantId }, select: { id: true } }),
    ]);
    return !!stage && !!criterion;
  }

  // ---------------------------------------------------------------- stages

  listStages(tenantId: string): Promise<StageDto[]> {
    return this.db.pipelineStage.findMany({ where: { tenantId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: stageSelect });
  }

  findStage(tenantId: string, id: string): Promise<StageDto | null> {
    return this.db.pipelineStage.findFirst({ where: { id, tenantId }, select: stageSelect });
  }

  async createStage(tenantId: string, input: StageInput): Promise<StageDto> {
    const last = await this.db.pipelineStage.aggregate({ where: { tenantId }, _max: { position: true } });
    return this.db.pipelineStage.create({
      data: { tenantId, ...input, description: input.description ?? null, position: (last._max.position ?? -1) + 1 },
      select: stageSelect,
    });
  }

  async updateStage(tenantId: string, id: string, patch: Partial<StageInput>): Promise<StageDto> {
    await this.db.pipelineStage.updateMany({ where: { id, tenantId }, data: patch });
    return this.db.pipelineStage.findFirstOrThrow({ where: { id, tenantId }, select: stageSelect });
  }

  /** Only one stage holds nurtured leads: marking one clears the others. */
  async clearNurtureExcept(tenantId: string, id: string): Promise<void> {
    await this.db.pipelineStage.updateMany({ where: { tenantId, isNurture: true, id: { not: id } }, data: { isNurture: false } });
  }

  async setStagePositions(tenantId: string, orderedIds: readonly string[]): Promise<void> {
    for (const [position, id] of orderedIds.entries()) {
      await this.db.pipelineStage.updateMany({ where: { id, tenantId }, data: { position } });
    }
  }

  /** Deletes an empty stage (move its leads first: see FollowUpRepository.moveStageLeads). */
  async deleteStage(tenantId: string, id: string): Promise<void> {
    await this.db.pipelineStage.deleteMany({ where: { id, tenantId } });
  }

  // ---------------------------------------------------------------- qualification checklist

  listCriteria(tenantId: string, opts: { includeArchived?: boolean } = {}): Promise<CriterionDto[]> {
    return this.db.qualificationCriterion.findMany({
      where: { tenantId, ...(opts.includeArchived ? {} : { archivedAt: null }) },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: criterionSelect,
    });
  }

  findCriterion(tenantId: string, id: string): Promise<CriterionDto | null> {
    return this.db.qualificationCriterion.findFirst({ where: { id, tenantId }, select: criterionSelect });
  }

  async createCriterion(tenantId: string, input: { label: string; description?: string | null }): Promise<CriterionDto> {
    const last = await this.db.qualificationCriterion.aggregate({ where: { tenantId }, _max: { position: true } });
    return this.db.qualificationCriterion.create({
      data: { tenantId, label: input.label, description: input.description ?? null, position: (last._max.position ?? -1) + 1 },
      select: criterionSelect,
    });
  }

  async updateCriterion(tenantId: string, id: string, patch: { label?: string; description?: string | null; archivedAt?: Date | null }): Promise<CriterionDto> {
    await this.db.qualificationCriterion.updateMany({ where: { id, tenantId }, data: patch });
    return this.db.qualificationCriterion.findFirstOrThrow({ where: { id, tenantId }, select: criterionSelect });
  }

  async setCriterionPositions(tenantId: string, orderedIds: readonly string[]): Promise<void> {
    for (const [position, id] of orderedIds.entries()) {
      await this.db.qualificationCriterion.updateMany({ where: { id, tenantId }, data: { position } });
    }
  }

  // ---------------------------------------------------------------- assignment

  async getAssignment(tenantId: string): Promise<AssignmentSettingsDto> {
    const row = await this.db.assignmentSettings.findUnique({
      where: { tenantId },
      select: { mode: true, roundRobinUserIds: true, lastAssignedIndex: true },
    });
    return row ?? { ...DEFAULT_ASSIGNMENT };
  }

  /** The settings row, locked until the transaction ends so concurrent captures take turns one by one. */
  async lockAssignment(tenantId: string): Promise<AssignmentSettingsDto | null> {
    const rows = await this.db.$queryRaw<AssignmentSettingsDto[]>`
      SELECT "mode", "roundRobinUserIds", "lastAssignedIndex" FROM "AssignmentSettings" WHERE "tenantId" = ${tenantId} FOR UPDATE`;
    return rows[0] ?? null;
  }

  async saveAssignment(tenantId: string, input: { mode: AssignmentMode; roundRobinUserIds: string[]; resetTurn: boolean }): Promise<AssignmentSettingsDto> {
    const data = { mode: input.mode, roundRobinUserIds: input.roundRobinUserIds, ...(input.resetTurn ? { lastAssignedIndex: -1 } : {}) };
    return this.db.assignmentSettings.upsert({
      where: { tenantId },
      create: { tenantId, ...data },
      update: data,
      select: { mode: true, roundRobinUserIds: true, lastAssignedIndex: true },
    });
  }

  async setLastAssignedIndex(tenantId: string, index: number): Promise<void> {
    await this.db.assignmentSettings.update({ where: { tenantId }, data: { lastAssignedIndex: index }, select: { tenantId: true } });
  }

  async memberIds(tenantId: string): Promise<Set<string>> {
    const rows = await this.db.membership.findMany({ where: { tenantId }, select: { userId: true } });
    return new Set(rows.map((r) => r.userId));
  }
}

/**
 * The tenant's stages, creating the defaults on first use (in the language of the user
 * who gets there first). Cheap when they exist: one read, no transaction.
 */
export async function ensurePipeline(db: Db, tenantId: string, locale: string | null): Promise<StageDto[]> {
  const pipeline = new PipelineRepository(db);
  if (!(await pipeline.isInitialised(tenantId))) {
    await db.$transaction((tx) => new PipelineRepository(tx).ensureDefaults(tenantId, locale));
  }
  return pipeline.listStages(tenantId);
}

export interface NewLeadAssignment {
  ownerId: string;
  rule: "round_robin" | "by_offer";
}

/**
 * The owner a new lead gets by the tenant's assignment rule, or null (manual assignment,
 * or nobody in the rotation is still a member). Call it inside the capture transaction,
 * as late as possible (the capture does it right before committing): round robin locks
 * the tenant's settings row and advances the turn, so concurrent captures get consecutive
 * owners and a rolled-back capture uses none; the lock is held until the commit.
 * By offer: the offer's default owner (`Offer.defaultOwnerId`) while they are a member,
 * else the round robin; with nobody in the rotation either, the lead stays unassigned.
 * One round trip reads the locked settings, the members and the offer's owner; a second
 * stores the turn.
 */
export async function assignOwnerForNewLead(tx: DbTx, tenantId: string, offerId: string | null): Promise<NewLeadAssignment | null> {
  const assignment = await takeNewLeadAssignment(tx, tenantId, offerId);
  return assignment && { ownerId: assignment.ownerId, rule: assignment.rule };
}

/** `assignOwnerForNewLead`, with the owner's name (else e-mail) as the timeline shows it, read in the same round trip. */
export async function takeNewLeadAssignment(
  tx: DbTx,
  tenantId: string,
  offerId: string | null,
): Promise<(NewLeadAssignment & { ownerLabel: string | null }) | null> {
  const rows = await tx.$queryRaw<
    (AssignmentSettingsDto & { members: { id: string; label: string | null }[] | null; offerOwnerId: string | null })[]
  >`
    WITH settings AS (
      SELECT "mode", "roundRobinUserIds", "lastAssignedIndex" FROM "AssignmentSettings" WHERE "tenantId" = ${tenantId} FOR UPDATE
    )
    SELECT settings."mode"::text AS "mode", settings."roundRobinUserIds", settings."lastAssignedIndex",
      CASE WHEN settings."mode" <> 'MANUAL' THEN (
        SELECT json_agg(json_build_object('id', m."userId", 'label', COALESCE(u."name", u."email")))
        FROM "Membership" m JOIN "User" u ON u."id" = m."userId" WHERE m."tenantId" = ${tenantId}
      ) END AS "members",
      CASE WHEN settings."mode" = 'BY_OFFER' THEN (
        SELECT o."defaultOwnerId" FROM "Offer" o WHERE o."id" = ${offerId} AND o."tenantId" = ${tenantId}
      ) END AS "offerOwnerId"
    FROM settings`;
  const settings = rows[0];
  if (!settings || settings.mode === "MANUAL") return null;
  const labels = new Map((settings.members ?? []).map((m) => [m.id, m.label]));
  const decision: AssignmentDecision = decideAssignment(
    { mode: settings.mode, rotation: settings.roundRobinUserIds, lastAssignedIndex: settings.lastAssignedIndex },
    settings.mode === "BY_OFFER" && offerId ? settings.offerOwnerId : null,
    new Set(labels.keys()),
  );
  if (decision.kind === "none") return null;
  if (decision.kind === "round_robin") {
    await new PipelineRepository(tx).setLastAssignedIndex(tenantId, decision.index);
    return { ownerId: decision.userId, rule: "round_robin", ownerLabel: labels.get(decision.userId) ?? null };
  }
  return { ownerId: decision.userId, rule: "by_offer", ownerLabel: labels.get(decision.userId) ?? null };
}

/**
 * Puts the rule's assignment on the new lead's timeline ("Leadrelay assigned the lead to
 * …"). Call it in the capture transaction once the lead exists, with what
 * `assignOwnerForNewLead` returned.
 */
export async function recordNewLeadAssignment(tx: DbTx, tenantId: string, leadId: string, assignment: NewLeadAssignment): Promise<void> {
  const owner = await tx.user.findUnique({ where: { id: assignment.ownerId }, select: { name: true, email: true } });
  await tx.timelineEvent.create({
    data: {
      tenantId,
      leadId,
      actorId: null,
      kind: "owner.changed",
      data: { fromUserId: null, toUserId: assignment.ownerId, from: null, to: owner?.name ?? owner?.email ?? null, rule: assignment.rule },
    },
  });
}
