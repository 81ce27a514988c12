import { InsightsRepository, type InsightsScope, type StageDto } from "@leadrelay/db";
import {
  bucketKeys,
  daysInRange,
  FIRST_CONTACT_TARGET_HOURS,
  FOLLOW_UP_RANGE,
  funnelFromFurthest,
  furthestRanks,
  insightsBucket,
  leadsThatVisited,
  MAX_INSIGHTS_RANGE_DAYS,
  shiftDateKey,
  stackSeries,
  startOfDateKey,
} from "@leadrelay/leads";
import { appError } from "../../errors";
import type { TenantContext } from "../../trpc";
import { loadPipeline, memberDirectory } from "../followups/_shared";
import type { DashboardInput } from "./dashboard.schema";

/** The funnel's steps: open stages in order (nurture aside), then won; every won stage is one final step. */
function funnelSteps(stages: StageDto[]) {
  const active = stages.filter((s) => s.kind === "OPEN" && !s.isNurture);
  const won = stages.filter((s) => s.kind === "WON");
  const steps = [...active.map((s) => ({ id: s.id, name: s.name, kind: s.kind, stageIds: [s.id] }))];
  if (won.length > 0) steps.push({ id: won[0]!.id, name: won.map((s) => s.name).join(" / "), kind: "WON", stageIds: won.map((s) => s.id) });
  return steps;
}

/** Every number on the insights dashboard, computed by PostgreSQL for the range and offer. */
export async function dashboardHandler({ ctx, input }: { ctx: TenantContext; input: DashboardInput }) {
  const days = daysInRange(input.from, input.to);
  if (days < 1) throw appError("BAD_REQUEST", "rangeReversed", "The start of the range must not be after its end.");
  if (days > MAX_INSIGHTS_RANGE_DAYS) throw appError("BAD_REQUEST", "rangeTooLong", "Choose a range of at most two years.");
  const repo = new InsightsRepository(ctx.db);
  const offerId = input.offerId ?? null;
  if (offerId && !(await repo.offerExists(ctx.tenant.id, offerId))) {
    throw appError("NOT_FOUND", "offerNotFound", "No offer with this id in this publisher account.");
  }
  const pipeline = await loadPipeline(ctx);
  const bucket = insightsBucket(input.from, input.to);
  const scope: InsightsScope = {
    tenantId: ctx.tenant.id,
    from: startOfDateKey(input.from, input.timeZone),
    to: startOfDateKey(shiftDateKey(input.to, 1), input.timeZone),
    offerId,
    now: new Date(),
  };
  const steps = funnelSteps(pipeline.stages);
  const rankOf = new Map(steps.flatMap((step, rank) => step.stageIds.map((id) => [id, rank] as const)));

  const buckets = bucketKeys(input.from, input.to, bucket);
  const sideStages = pipeline.stages.filter((s) => s.kind === "LOST" || s.kind === "DISQUALIFIED" || s.isNurture);
  const open = pipeline.stages.filter((s) => s.kind === "OPEN");

  const [seriesRows, { totals, histogram, owners: ownerRows, stageRows }, destinationRows, members] = await Promise.all([
    repo.leadSeries(scope, buckets.map((key) => startOfDateKey(key, input.timeZone))),
    repo.summary(scope, {
      open: open.map((s) => s.id),
      active: open.filter((s) => !s.isNurture).map((s) => s.id),
      won: pipeline.stages.filter((s) => s.kind === "WON").map((s) => s.id),
    }),
    repo.destinations(scope),
    memberDirectory(ctx.db, ctx.tenant.id),
  ]);

  const visited = leadsThatVisited(stageRows, sideStages.map((s) => s.id));
  const series = seriesRows.map(({ bucketIndex, ...row }) => ({ ...row, bucket: buckets[bucketIndex] ?? "" }));
  const dimension = (d: "source" | "action" | "funnelStage") =>
    stackSeries(series.filter((r) => r.dimension === d), buckets);
  const funnel = funnelFromFurthest(steps.map((s) => s.id), furthestRanks(stageRows, rankOf)).map((step, i) => ({ ...step, name: steps[i]!.name, kind: steps[i]!.kind }));

  const maxBucket = FOLLOW_UP_RANGE.max + 1;
  return {
    range: { from: input.from, to: input.to, timeZone: input.timeZone, bucket, offerId },
    followUpRange: FOLLOW_UP_RANGE,
    firstContactTargetHours: FIRST_CONTACT_TARGET_HOURS,
    totals,
    leadsOverTime: { buckets, bySource: dimension("source"), byAction: dimension("action"), byFunnelStage: dimension("funnelStage") },
    funnel,
    sideStages: sideStages.map((s) => ({ stageId: s.id, name: s.name, kind: s.kind, isNurture: s.isNurture, reached: visited.get(s.id) ?? 0 })),
    followUpsPerLead: Array.from({ length: maxBucket + 1 }, (_, count) => ({
      count,
      label: count === maxBucket ? `${maxBucket}+` : String(count),
      leads: histogram[count] ?? 0,
      inRange: count >= FOLLOW_UP_RANGE.min && count <= FOLLOW_UP_RANGE.max,
    })),
    owners: ownerRows.map((row) => ({
      ...row,
      // Owners who left show by id-less name "former member" in the UI.
      owner: row.ownerId ? (members.get(row.ownerId) ?? { userId: row.ownerId, name: null, email: null }) : null,
    })),
    destinations: destinationRows.map((row) => ({
      ...row,
      successRate: row.succeeded + row.failed > 0 ? row.succeeded / (row.succeeded + row.failed) : null,
    })),
  };
}

export function offersHandler({ ctx }: { ctx: TenantContext }) {
  return new InsightsRepository(ctx.db).offers(ctx.tenant.id);
}
