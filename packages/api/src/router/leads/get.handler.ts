import { DeliveryRepository, LeadRepository } from "@leadrelay/db";
import { appError } from "../../errors";
import type { TenantContext } from "../../trpc";
import type { GetLeadInput } from "./get.schema";

/** The lead page: the lead, its touchpoints (raw bodies included) and its deliveries with their attempts. */
export async function getLeadHandler({ ctx, input }: { ctx: TenantContext; input: GetLeadInput }) {
  const lead = await new LeadRepository(ctx.db).get(ctx.tenant.id, input.id);
  if (!lead) throw appError("NOT_FOUND", "leadNotFound", "No such lead in this publisher account.");
  const deliveries = (await new DeliveryRepository(ctx.db).listForLead(ctx.tenant.id, lead.id)) ?? [];
  return { ...lead, deliveries };
}
