import { ensurePipeline, MembershipRepository, type CaptureLeadResult, type LeadFilter } from "@leadrelay/db";
import { canonicalActionCode, canonicalLeadSource, entryStage } from "@leadrelay/leads";
import { z } from "zod";
import { appError } from "../../errors";
import type { TenantContext } from "../../trpc";

export const FUNNEL_STAGES = ["INITIAL", "ACTIVE", "TRIAL", "DO_NOT_CONTACT"] as const;

export const leadIdSchema = z.string().trim().min(1, "Choose a lead").max(64);

/** The inbox filters, shared by the list and the export. */
export const leadFilterFields = {
  /** One of the tenant's offers; null: leads tied to none of them. */
  offerId: z.string().trim().min(1).max(64).nullish(),
  /**
   * `me`, `unassigned` (no owner, or an owner who left the tenant), or a member's user id;
   * absent or `any`: every owner. A user id must be a member of the tenant.
   */
  owner: z.string().trim().min(1).max(64).optional(),
  /** A stage of the tenant's pipeline; the entry stage also holds leads with no stage yet. */
  stageId: z.string().trim().min(1).max(64).optional(),
  source: z.string().trim().min(1).max(200).optional(),
  action: z.string().trim().min(1).max(100).optional(),
  funnelStage: z.enum(FUNNEL_STAGES).optional(),
  /** Inclusive bounds on when the lead last arrived. */
  receivedFrom: z.coerce.date({ error: "Enter a valid date" }).optional(),
  receivedTo: z.coerce.date({ error: "Enter a valid date" }).optional(),
  /** Microsoft's test leads are hidden unless asked for (or searched for with MSFT_TEST). */
  showTest: z.boolean().default(false),
  /** Name, e-mail or company; case does not matter. */
  q: z.string().trim().max(200, "Search for at most 200 characters").optional(),
};

export function checkDateRange(value: { receivedFrom?: Date; receivedTo?: Date }, context: z.RefinementCtx) {
  if (value.receivedFrom && value.receivedTo && value.receivedFrom > value.receivedTo) {
    context.addIssue({ code: "custom", path: ["receivedTo"], message: "The end of the date range is before its start" });
  }
}

type LeadFilterInput = z.output<ReturnType<typeof z.object<typeof leadFilterFields>>>;

/** Publishers are told to search for `MSFT_TEST` to find the test lead, so that search shows test leads. */
const SEARCHES_FOR_TEST_LEADS = /msft_test/iu;

/**
 * The filters as the repository takes them. The owner and the stage are checked against the
 * caller's tenant (from the session): another tenant's user or stage id is refused with
 * NOT_FOUND, never matched.
 */
export async function resolveLeadFilter(ctx: TenantContext, input: LeadFilterInput): Promise<LeadFilter> {
  return {
    ...toLeadFilter(input),
    ...(await resolveOwner(ctx, input.owner)),
    ...(input.stageId ? { stage: await resolveStage(ctx, input.stageId) } : {}),
  };
}

async function resolveOwner(ctx: TenantContext, owner: string | undefined): Promise<Pick<LeadFilter, "ownerId">> {
  if (owner === undefined || owner === "any") return {};
  if (owner === "me") return { ownerId: ctx.user.id };
  if (owner === "unassigned") return { ownerId: null };
  if (!(await new MembershipRepository(ctx.db).findRole(ctx.tenant.id, owner))) {
    throw appError("NOT_FOUND", "memberNotFound", "That person is not a member of this publisher account.");
  }
  return { ownerId: owner };
}

async function resolveStage(ctx: TenantContext, stageId: string): Promise<NonNullable<LeadFilter["stage"]>> {
  const stages = await ensurePipeline(ctx.db, ctx.tenant.id, ctx.user.locale);
  if (!stages.some((s) => s.id === stageId)) {
    throw appError("NOT_FOUND", "stageNotFound", "No pipeline stage with this id in this publisher account.");
  }
  return { id: stageId, includeUnstaged: entryStage(stages)?.id === stageId };
}

/** The filters that need no look-up (offer, codes, dates, search, test leads). */
function toLeadFilter(input: LeadFilterInput): LeadFilter {
  return {
    ...(input.offerId !== undefined ? { offerId: input.offerId } : {}),
    // Codes are matched as stored: Microsoft's spelling when known, so `ins` finds `INS`.
    ...(input.source ? { source: canonicalLeadSource(input.source) } : {}),
    ...(input.action ? { action: canonicalActionCode(input.action) } : {}),
    ...(input.funnelStage ? { funnelStage: input.funnelStage } : {}),
    ...(input.receivedFrom ? { receivedFrom: input.receivedFrom } : {}),
    ...(input.receivedTo ? { receivedTo: input.receivedTo } : {}),
    ...(input.q ? { q: input.q } : {}),
    includeTest: input.showTest || SEARCHES_FOR_TEST_LEADS.test(input.q ?? ""),
  };
}

export type CaptureStatus = "created" | "merged" | "duplicate";

export function captureStatus(result: CaptureLeadResult): CaptureStatus {
  return result.duplicateRequest ? "duplicate" : result.created ? "created" : "merged";
}
