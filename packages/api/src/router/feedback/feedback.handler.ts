import { FeedbackRepository, RateLimitRepository, type FeedbackDto } from "@leadrelay/db";
import { AppError, appError } from "../../errors";
import type { TenantContext } from "../../trpc";
import type { GetFeedbackInput, ReplyToFeedbackInput, SubmitFeedbackInput } from "./feedback.schema";

/** Per person: enough for a real conversation, too few to flood the team's inbox. */
export const FEEDBACK_SUBMITS_PER_HOUR = 10;
export const FEEDBACK_REPLIES_PER_HOUR = 30;

async function enforceHourlyLimit(ctx: TenantContext, key: string, limit: number, what: string) {
  const state = await new RateLimitRepository(ctx.db).hit(key, 3600);
  if (state.count > limit) {
    const retryAfter = Math.max(1, Math.ceil((state.resetAt.getTime() - Date.now()) / 1000));
    const minutes = Math.ceil(retryAfter / 60);
    throw new AppError("TOO_MANY_REQUESTS", "rateLimited", `You can send ${limit} ${what} an hour; try again in ${minutes} min.`, retryAfter);
  }
}

/** Publishers see the team as "the Leadrelay team", not the staff member's account. */
function forPublisher(feedback: FeedbackDto): FeedbackDto {
  return { ...feedback, replies: feedback.replies.map((r) => (r.fromStaff ? { ...r, author: null } : r)) };
}

const notFound = () => appError("NOT_FOUND", "feedbackNotFound", "No such feedback in this publisher account.");

export async function submitFeedbackHandler({ ctx, input }: { ctx: TenantContext; input: SubmitFeedbackInput }) {
  await enforceHourlyLimit(ctx, `feedback:submit:${ctx.user.id}`, FEEDBACK_SUBMITS_PER_HOUR, "pieces of feedback");
  const feedback = new FeedbackRepository(ctx.db);
  const offerId = input.offerId ?? null;
  if (offerId && !(await feedback.tenantOfferExists(ctx.tenant.id, offerId))) {
    throw appError("NOT_FOUND", "feedbackOfferNotFound", "That offer is not one of this publisher account's offers.");
  }
  if (input.leadIds.length > 0 && (await feedback.countTenantLeads(ctx.tenant.id, input.leadIds)) !== input.leadIds.length) {
    throw appError("NOT_FOUND", "feedbackLeadNotFound", "One or more of those leads are not in this publisher account.");
  }
  const created = await feedback.create({
    tenantId: ctx.tenant.id,
    authorId: ctx.user.id,
    category: input.category,
    message: input.message,
    satisfaction: input.satisfaction,
    offerId,
    leadIds: input.leadIds,
  });
  return forPublisher(created);
}

export async function listFeedbackHandler({ ctx }: { ctx: TenantContext }) {
  return (await new FeedbackRepository(ctx.db).listForTenant(ctx.tenant.id)).map(forPublisher);
}

export async function getFeedbackHandler({ ctx, input }: { ctx: TenantContext; input: GetFeedbackInput }) {
  const found = await new FeedbackRepository(ctx.db).findForTenant(ctx.tenant.id, input.feedbackId);
  if (!found) throw notFound();
  return forPublisher(found);
}

/**
 * A publisher's follow-up. Answered feedback goes back to the team (IN_REVIEW);
 * closed feedback takes no more messages: new feedback starts a new thread.
 */
export async function replyToFeedbackHandler({ ctx, input }: { ctx: TenantContext; input: ReplyToFeedbackInput }) {
  const existing = await new FeedbackRepository(ctx.db).findForTenant(ctx.tenant.id, input.feedbackId);
  if (!existing) throw notFound();
  if (existing.status === "CLOSED") {
    throw appError("BAD_REQUEST", "feedbackClosed", "This feedback is closed. Send new feedback to raise something again.");
  }
  await enforceHourlyLimit(ctx, `feedback:reply:${ctx.user.id}`, FEEDBACK_REPLIES_PER_HOUR, "replies");
  await ctx.db.$transaction(async (tx) => {
    const feedback = new FeedbackRepository(tx);
    await feedback.addReply({ feedbackId: existing.id, authorId: ctx.user.id, fromStaff: false, message: input.message });
    await feedback.setStatus(existing.id, existing.status === "ANSWERED" ? "IN_REVIEW" : existing.status);
  });
  return forPublisher((await new FeedbackRepository(ctx.db).findForTenant(ctx.tenant.id, existing.id))!);
}

/** What the form offers to choose from: the tenant's offers. */
export async function feedbackFormOptionsHandler({ ctx }: { ctx: TenantContext }) {
  return { offers: await new FeedbackRepository(ctx.db).listTenantOffers(ctx.tenant.id) };
}
