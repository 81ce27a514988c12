import { AdminRepository, InvalidAuditCursorError } from "@leadrelay/db";
import { appError } from "../../errors";
import type { AdminCtx } from "./admin.handler";
import type { AuditLogInput } from "./platform.schema";

/** Failing and paused destinations across tenants, and graphile-worker's queue depth and age. */
export function deliveryHealthHandler({ ctx }: { ctx: AdminCtx }) {
  return new AdminRepository(ctx.db).deliveryHealth();
}

/** Every tenant's audit events (tenant owners see their own part in tenant.auditLog). */
export async function auditLogHandler({ ctx, input }: { ctx: AdminCtx; input: AuditLogInput }) {
  try {
    return await new AdminRepository(ctx.db).auditLog({ tenantId: input.tenantId, action: input.action }, { cursor: input.cursor, limit: input.limit });
  } catch (error) {
    if (error instanceof InvalidAuditCursorError) throw appError("BAD_REQUEST", "invalidCursor", "The page cursor is not valid; start from the first page.");
    throw error;
  }
}

export function auditActionsHandler({ ctx }: { ctx: AdminCtx }) {
  return new AdminRepository(ctx.db).auditActions();
}
