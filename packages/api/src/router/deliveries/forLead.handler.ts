import { DeliveryRepository, type TenantDto, type TenantRole, type UserDto } from "@leadrelay/db";
import { appError } from "../../errors";
import type { Context } from "../../trpc";
import type { DeliveriesForLeadInput } from "./forLead.schema";

type TenantCtx = Context & { user: UserDto; tenant: TenantDto; role: TenantRole };

/** Where the lead went: each delivery (per capture and destination) with its attempts, for the lead page. */
export async function deliveriesForLeadHandler({ ctx, input }: { ctx: TenantCtx; input: DeliveriesForLeadInput }) {
  const deliveries = await new DeliveryRepository(ctx.db).listForLead(ctx.tenant.id, input.leadId);
  if (!deliveries) throw appError("NOT_FOUND", "leadNotFound", "No such lead in this publisher account.");
  return deliveries;
}
