import {
  ensurePipeline,
  FollowUpRepository,
  MembershipRepository,
  type DbTx,
  type FollowUpLeadDto,
  type MemberDto,
  type OwnerFilter,
  type StageDto,
  type StageScope,
} from "@leadrelay/db";
import {
  dayBounds,
  dueStatus,
  entryStage,
  followUpFlags,
  followUpRangeStatus,
  isDoNotContact,
  isValidTimeZone,
  nurtureStage,
  nurtureStatus,
  resolveStage,
} from "@leadrelay/leads";
import { z } from "zod";
import { appError } from "../../errors";
import type { TenantContext } from "../../trpc";

// ---------------------------------------------------------------- input pieces

export const idSchema = z.string().trim().min(1, "Required.").max(64);

export const timeZoneSchema = z
  .string()
  .trim()
  .refine(isValidTimeZone, "Use an IANA time zone such as Europe/Berlin or UTC.")
  .default("UTC");

/** `me`, `unassigned`, `any`, or a member's user id. */
export const ownerFilterSchema = z.string().trim().min(1).max(64).default("any");

/** Accepts a Date (superjson) or an ISO-8601 string (plain JSON API clients). */
export const instantSchema = z.coerce.date({ error: "Use an ISO-8601 date and time." }).refine((d) => !Number.isNaN(d.getTime()), "Use an ISO-8601 date and time.");

export function resolveOwnerFilter(ctx: TenantContext, owner: string): OwnerFilter {
  if (owner === "any" || owner === "all") return "any";
  if (owner === "me") return { ownerId: ctx.user.id };
  if (owner === "unassigned") return { ownerId: null };
  return { ownerId: owner };
}

// ---------------------------------------------------------------- the pipeline

export interface Pipeline {
  stages: StageDto[];
  entry: StageDto;
  scope: StageScope;
}

export function pipelineOf(stages: StageDto[]): Pipeline {
  const entry = entryStage(stages);
  // pipeline edits refuse to leave no open stage, so this only guards against hand-edited data.
  if (!entry) throw appError("INTERNAL_SERVER_ERROR", "pipelineBroken", "The pipeline has no open stage for new leads. Add one in the follow-up settings.");
  return {
    stages,
    entry,
    scope: {
      entryStageId: entry.id,
      activeStageIds: stages.filter((s) => s.kind === "OPEN" && !s.isNurture).map((s) => s.id),
      nurtureStageId: nurtureStage(stages)?.id ?? null,
    },
  };
}

/** The tenant's pipeline, created with the defaults on first use. */
export async function loadPipeline(ctx: TenantContext): Promise<Pipeline> {
  return pipelineOf(await ensurePipeline(ctx.db, ctx.tenant.id, ctx.user.locale));
}

// ---------------------------------------------------------------- look-ups that refuse

export async function requireLead(db: DbTx, tenantId: string, leadId: string, opts: { lock?: boolean } = {}): Promise<FollowUpLeadDto> {
  const lead = await new FollowUpRepository(db).findLead(tenantId, leadId, opts);
  if (!lead) throw appError("NOT_FOUND", "leadNotFound", "No lead with this id in this publisher account.");
  return lead;
}

export function requireStage(stages: StageDto[], stageId: string): StageDto {
  const stage = stages.find((s) => s.id === stageId);
  if (!stage) throw appError("NOT_FOUND", "stageNotFound", "No pipeline stage with this id in this publisher account.");
  return stage;
}

export async function requireMember(db: DbTx, tenantId: string, userId: string): Promise<void> {
  if (!(await new MembershipRepository(db).findRole(tenantId, userId))) {
    throw appError("NOT_FOUND", "memberNotFound", "That person is not a member of this publisher account.");
  }
}

export function refuseDoNotContact(lead: FollowUpLeadDto, what: string): void {
  if (isDoNotContact(lead)) {
    throw appError(
      "PRECONDITION_FAILED",
      "doNotContact",
      `This lead is do-not-contact (Microsoft's action DNC: the customer never asked to be contacted), so ${what} is not allowed. You can still add a note.`,
    );
  }
}

// ---------------------------------------------------------------- views

export interface OwnerView {
  userId: string;
  name: string | null;
  email: string;
}

export async function memberDirectory(db: DbTx, tenantId: string): Promise<Map<string, OwnerView>> {
  const members: MemberDto[] = await new MembershipRepository(db).list(tenantId);
  return new Map(members.map((m) => [m.userId, { userId: m.userId, name: m.name, email: m.email }]));
}

export function displayName(lead: Pick<FollowUpLeadDto, "firstName" | "lastName" | "email" | "company">): string {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(" ").trim();
  return name || lead.email || lead.company || "—";
}

export interface ViewClock {
  now: Date;
  endOfToday: Date;
}

export function clockFor(timeZone: string, now = new Date()): ViewClock {
  return { now, endOfToday: dayBounds(now, timeZone).end };
}

/** A lead with its stage, owner and the follow-up rules' verdicts. */
export function leadView(lead: FollowUpLeadDto, pipeline: Pipeline, owners: Map<string, OwnerView>, clock: ViewClock) {
  const stage = resolveStage(pipeline.stages, lead.stageId) ?? pipeline.entry;
  return {
    ...lead,
    name: displayName(lead),
    stage: { id: stage.id, name: stage.name, kind: stage.kind, isNurture: stage.isNurture },
    // An owner who left the tenant shows as unassigned.
    owner: lead.ownerId ? (owners.get(lead.ownerId) ?? null) : null,
    doNotContact: isDoNotContact(lead),
    range: followUpRangeStatus(lead.followUpCount),
    due: dueStatus(lead.nextFollowUpAt, clock.now, clock.endOfToday),
    nurture: nurtureStatus(lead, clock.endOfToday),
    flags: followUpFlags(lead, stage, clock.now, clock.endOfToday),
  };
}

export type LeadView = ReturnType<typeof leadView>;
