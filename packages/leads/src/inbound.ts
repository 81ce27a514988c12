import { isKnownActionCode, isKnownLeadSource, canonicalActionCode } from "./codes";
import type { JsonObject } from "./json";
import { CUSTOMER_FIELDS, type CustomerInfo, type Lead } from "./lead";
import { parseLeadSource } from "./lead-source";
import type { ParseDiagnostics, ParseResult } from "./parse-result";
import { isTestLead } from "./test-lead";
import { withoutUndefined } from "./text";

/** What every parser needs besides the payload. */
export interface InboundContext {
  /**
   * When Leadrelay received the payload. It becomes `receivedAt` unless the payload carries
   * its own creation time (Azure Table rows); pure code has no clock of its own.
   */
  receivedAt: Date;
}

/** One format's fields after reading, before they are interpreted. Text is normalised. */
export interface InboundFields {
  customer: CustomerInfo;
  leadSource?: string;
  actionCode?: string;
  offerTitle?: string;
  description?: string;
  receivedAt: Date;
  extraFields: JsonObject;
  /** JSON paths of the fields, so warnings point at the input. */
  paths: { leadSource: string; actionCode?: string; offerTitle?: string };
}

export function hasCustomerData(customer: CustomerInfo): boolean {
  return CUSTOMER_FIELDS.some((field) => customer[field] !== undefined);
}

/**
 * The least a payload must tell to be a lead: who (a customer field) or where from (a
 * source or an offer id). Every documented payload does; one that does not is a
 * misconfigured sender or a probe, worth a 4xx rather than an empty lead.
 */
export function describesALead(lead: Lead): boolean {
  return hasCustomerData(lead.customer) || lead.source !== undefined || lead.offer !== undefined;
}

/** Assembles the lead and refuses it, with the format's own wording, when it says nothing. */
export function finishInboundLead(
  fields: InboundFields,
  diagnostics: ParseDiagnostics,
  emptyLeadMessage: string,
): ParseResult {
  if (diagnostics.failed) return diagnostics.failure();
  const lead = assembleLead(fields, diagnostics);
  if (!describesALead(lead)) {
    diagnostics.fail("$", emptyLeadMessage);
    return diagnostics.failure();
  }
  return diagnostics.result(lead);
}

/**
 * Interprets the fields the same way for every format: LeadSource split (with the
 * `ActionCode` field as hint), the dedicated fields winning over LeadSource's parts when
 * both exist and disagreements reported, unknown codes kept and reported, test leads marked.
 */
function assembleLead(fields: InboundFields, diagnostics: ParseDiagnostics): Lead {
  const fromLeadSource =
    fields.leadSource === undefined
      ? {}
      : parseLeadSource(fields.leadSource, { actionCode: fields.actionCode });
  const actionCode =
    fields.actionCode === undefined ? undefined : canonicalActionCode(fields.actionCode);
  const action = actionCode ?? fromLeadSource.action;
  const offerTitle = fields.offerTitle ?? fromLeadSource.offerTitle;
  const actionPath = fields.paths.actionCode ?? fields.paths.leadSource;

  if (
    actionCode !== undefined &&
    fromLeadSource.action !== undefined &&
    fromLeadSource.action !== actionCode
  ) {
    diagnostics.warn(
      "action_mismatch",
      actionPath,
      `ActionCode "${actionCode}" differs from the action "${fromLeadSource.action}" inside LeadSource; ActionCode was used`,
    );
  }
  if (
    fields.offerTitle !== undefined &&
    fromLeadSource.offerTitle !== undefined &&
    fields.offerTitle !== fromLeadSource.offerTitle
  ) {
    diagnostics.warn(
      "offer_title_mismatch",
      fields.paths.offerTitle ?? fields.paths.leadSource,
      `Offer title "${fields.offerTitle}" differs from the offer name "${fromLeadSource.offerTitle}" inside LeadSource; the title field was used`,
    );
  }
  if (fromLeadSource.source !== undefined && !isKnownLeadSource(fromLeadSource.source)) {
    diagnostics.warn(
      "unknown_source",
      fields.paths.leadSource,
      `Unknown lead source "${fromLeadSource.source}"; kept as sent`,
    );
  }
  if (action !== undefined && !isKnownActionCode(action)) {
    diagnostics.warn("unknown_action", actionPath, `Unknown action code "${action}"; kept as sent`);
  }

  const lead: Lead = withoutUndefined({
    customer: fields.customer,
    source: fromLeadSource.source,
    action,
    offer: fromLeadSource.offer,
    offerTitle,
    description: fields.description,
    receivedAt: fields.receivedAt,
    isTest: false,
    isPrivacyRedacted: false,
    extraFields: fields.extraFields,
  });
  return { ...lead, isTest: isTestLead(lead) };
}
