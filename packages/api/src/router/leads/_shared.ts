import type { CaptureLeadResult, LeadFilter } from "@leadrelay/db";
import { canonicalActionCode, canonicalLeadSource } from "@leadrelay/leads";
import { z } from "zod";

export const FUNNEL_STAGES = ["INITIAL", "ACTIVE", "TRIAL", "DO_NOT_CONTACT"] as const;

export const leadIdSchema = z.string().trim().min(1, "Choose a lead").max(64);

/** The inbox filters, shared by the list and the export. */
export const leadFilterFields = {
  /** One of the tenant's offers; null: leads tied to none of them. */
  offerId: z.string().trim().min(1).max(64).nullish(),
  /** A member's user id; null: unassigned leads. */
  ownerId: z.string().trim().min(1).max(64).nullish(),
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

export function toLeadFilter(input: LeadFilterInput): LeadFilter {
  return {
    ...(input.offerId !== undefined ? { offerId: input.offerId } : {}),
    ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
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
