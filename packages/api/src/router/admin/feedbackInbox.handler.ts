import { AuditRepository, FeedbackRepository, InvalidFeedbackCursorError } from "@leadrelay/db";
import { appError } from "../../errors";
import type { AdminCtx } from "./admin.handler";
import type { GetFeedbackInboxItemInput, ListFeedbackInboxInput, SetFeedbackStatusInput, StaffReplyInput } from "./feedbackInbox.schema";

const notFound = () => appError("NOT_FOUND", "feedbackNotFound", "No such feedback.");

/** Every tenant's feedback, filtered by status, category and tenant. */
export async function listFeedbackInboxHandler({ ctx, input }: { ctx: AdminCtx; input: ListFeedbackInboxInput }) {
  try {
    return await new FeedbackRepository(ctx.db).inbox(
      { status: input.status, category: input.category, tenantId: input.tenantId },
      { cursor: input.cursor, limit: input.limit },
    );
  } catch (error) {
    if (error instanceof InvalidFeedbackCursorError) throw appError("BAD_REQUEST", "invalidCursor", "The page cursor is not valid; start from the first page.");
    throw error;
  }
}

export async function getFeedbackInboxItemHandler({ ctx, input }: { ctx: AdminCtx; input: GetFeedbackInboxItemInput }) {
  const item = await new FeedbackRepository(ctx.db).inboxItem(input.feedbackId);
  if (!item) throw notFound();
  return item;
}

/** Triage; audited in the feedback's tenant. */
export async function setFeedbackStatusHandler({ ctx, input }: { ctx: AdminCtx; input: SetFeedbackStatusInput }) {
  return ctx.db.$transaction(async (tx) => {
    const feedback = new FeedbackRepository(tx);
    const existing = await feedback.findRef(input.feedbackId);
    if (!existing) throw notFound();
    if (existing.status !== input.status) {
      await feedback.setStatus(existing.id, input.status);
      await new AuditRepository(tx).record({
        tenantId: existing.tenantId, actorId: ctx.user.id, action: "feedback.status_changed",
        targetType: "feedback", targetId: existing.id, data: { from: existing.status, to: input.status },
      });
    }
    return { id: existing.id, status: input.status };
  });
}

/** A staff answer: the feedback becomes ANSWERED and its author is notified in the app. */
export async function staffReplyHandler({ ctx, input }: { ctx: AdminCtx; input: StaffReplyInput }) {
  await ctx.db.$transaction(async (tx) => {
    const feedback = new FeedbackRepository(tx);
    const existing = await feedback.findRef(input.feedbackId);
    if (!existing) throw notFound();
    await feedback.addReply({ feedbackId: existing.id, authorId: ctx.user.id, fromStaff: true, message: input.message });
    await feedback.setStatus(existing.id, "ANSWERED");
    await feedback.notifyAuthorOfReply(existing, input.message);
    await new AuditRepository(tx).record({
      tenantId: existing.tenantId, actorId: ctx.user.id, action: "feedback.answered",
      targetType: "feedback", targetId: existing.id, data: { from: existing.status, to: "ANSWERED" },
    });
  });
  return (await new FeedbackRepository(ctx.db).inboxItem(input.feedbackId))!;
}
