import { isKnownLeadSource } from "./codes";
import { leadDedupKey } from "./dedup";
import { classifyFunnelStage, type FunnelStage } from "./funnel";
import { hasCustomerData } from "./inbound";
import type { Lead } from "./lead";
import { applyPrivacyRules, type PrivacyPolicy } from "./privacy";

/** What the UI and KPIs single out about a lead; all derived from the lead itself. */
export type LeadFlag =
  | "test"
  | "privacy_redacted"
  | "missing_source"
  | "unknown_source"
  | "missing_action"
  | "unknown_action"
  | "no_contact_data";

export function leadFlags(lead: Lead): LeadFlag[] {
  const flags: LeadFlag[] = [];
  if (lead.isTest) flags.push("test");
  if (lead.isPrivacyRedacted) flags.push("privacy_redacted");
  if (lead.source === undefined) flags.push("missing_source");
  else if (!isKnownLeadSource(lead.source)) flags.push("unknown_source");
  const { flag } = classifyFunnelStage(lead.action);
  if (flag !== undefined) flags.push(flag);
  if (!hasCustomerData(lead.customer)) flags.push("no_contact_data");
  return flags;
}

export interface ProcessedLead {
  /** The lead after privacy rules: what may be stored and forwarded. */
  lead: Lead;
  stage: FunnelStage;
  flags: LeadFlag[];
  /** Null when nothing identifies the person: such leads are never merged. */
  dedupKey: string | null;
}

/**
 * The domain's steps for a parsed lead, in the order that keeps personal data safe:
 * privacy first, so neither the stored lead nor the de-duplication key holds what the
 * rules remove.
 */
export function processInboundLead(lead: Lead, privacy: PrivacyPolicy = {}): ProcessedLead {
  const safeLead = applyPrivacyRules(lead, privacy);
  return {
    lead: safeLead,
    stage: classifyFunnelStage(safeLead.action).stage,
    flags: leadFlags(safeLead),
    dedupKey: leadDedupKey(safeLead),
  };
}
