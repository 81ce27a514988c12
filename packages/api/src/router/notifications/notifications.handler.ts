import { NotificationRepository } from "@leadrelay/db";
import type { TenantContext } from "../../trpc";
import type { ListNotificationsInput, MarkReadInput } from "./notifications.schema";

const isAdmin = (ctx: TenantContext) => ctx.role !== "MEMBER";

export function listNotificationsHandler({ ctx, input }: { ctx: TenantContext; input: ListNotificationsInput }) {
  return new NotificationRepository(ctx.db).list(ctx.tenant.id, ctx.user.id, isAdmin(ctx), { take: input.limit, unreadOnly: input.unreadOnly });
}

export async function unreadCountHandler({ ctx }: { ctx: TenantContext }) {
  return { unread: await new NotificationRepository(ctx.db).unreadCount(ctx.tenant.id, ctx.user.id, isAdmin(ctx)) };
}

/** Ids the user cannot see (another member's, another tenant's) are ignored: nothing is said about them. */
export async function markReadHandler({ ctx, input }: { ctx: TenantContext; input: MarkReadInput }) {
  return { updated: await new NotificationRepository(ctx.db).markRead(ctx.tenant.id, ctx.user.id, isAdmin(ctx), input.ids, new Date()) };
}

export async function markAllReadHandler({ ctx }: { ctx: TenantContext }) {
  return { updated: await new NotificationRepository(ctx.db).markRead(ctx.tenant.id, ctx.user.id, isAdmin(ctx), "all", new Date()) };
}
