import { InvalidLeadCursorError, LeadRepository } from "@leadrelay/db";
import { appError } from "../../errors";
import type { TenantContext } from "../../trpc";
import { resolveLeadFilter } from "./_shared";
import type { ListLeadsInput } from "./list.schema";

/** The inbox: one page of the tenant's leads, newest first by default, each with its owner and pipeline stage. */
export async function listLeadsHandler({ ctx, input }: { ctx: TenantContext; input: ListLeadsInput }) {
  const filter = await resolveLeadFilter(ctx, input);
  try {
    return await new LeadRepository(ctx.db).list(ctx.tenant.id, filter, {
      sort: input.sort,
      order: input.order,
      cursor: input.cursor,
      limit: input.limit,
    });
  } catch (error) {
    if (error instanceof InvalidLeadCursorError) throw appError("BAD_REQUEST", "invalidCursor", error.message);
    throw error;
  }
}
