import { InvalidLeadCursorError, LeadRepository } from "@leadrelay/db";
import { appError } from "../../errors";
import type { TenantContext } from "../../trpc";
import { toLeadFilter } from "./_shared";
import type { ListLeadsInput } from "./list.schema";

/** The inbox: one page of the tenant's leads, newest first by default. */
export async function listLeadsHandler({ ctx, input }: { ctx: TenantContext; input: ListLeadsInput }) {
  try {
    return await new LeadRepository(ctx.db).list(ctx.tenant.id, toLeadFilter(input), {
      sort: input.sort,
      direction: input.direction,
      cursor: input.cursor,
      limit: input.limit,
    });
  } catch (error) {
    if (error instanceof InvalidLeadCursorError) throw appError("BAD_REQUEST", "invalidCursor", error.message);
    throw error;
  }
}
