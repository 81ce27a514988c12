import { classifyFunnelStage, type FunnelStage } from "../funnel";
import type { Lead } from "../lead";
import { findTestLeadToken } from "../test-lead";

/**
 * The email Leadrelay sends its tenant's team for a new lead (Microsoft's own notices are
 * unreliable). By default it carries no personal data, only what privacy redaction keeps
 * (company, country) and the marketplace event, plus a link to the lead: lead details do
 * not travel by unsecured email unless the tenant asks for them (`includePersonalData`).
 */
export interface NotificationEmailOptions {
  /** How the tenant names the offer, e.g. its title or `publisher.offer`. */
  offerLabel: string;
  /** Link to the lead in Leadrelay; only http(s) URLs are used. */
  appUrl?: string;
  /** Adds names, email, phone, job title and description. */
  includePersonalData?: boolean;
}

export interface NotificationEmail {
  subject: string;
  text: string;
  html: string;
}

const STAGE_WORDS: Record<FunnelStage, string> = {
  initial: "initial-interest",
  active: "active",
  trial: "trial",
  do_not_contact: "do-not-contact",
};

const STAGE_DESCRIPTIONS: Record<FunnelStage, string> = {
  initial: "Initial interest: the customer asked to be contacted",
  active: "Active: the customer started deploying the product",
  trial: "Trial: the customer started a test drive or free trial",
  do_not_contact: "Do not contact: shared by Microsoft as a signal only",
};

export function toNotificationEmail(
  lead: Lead,
  options: NotificationEmailOptions,
): NotificationEmail {
  const { stage, flag } = classifyFunnelStage(lead.action);
  const { customer } = lead;
  const testToken = findTestLeadToken(lead);
  const fullName = [customer.firstName, customer.lastName]
    .filter((part) => part !== undefined)
    .join(" ");
  const includePersonalData = options.includePersonalData === true && !lead.isPrivacyRedacted;

  const rows: [string, string | undefined][] = [
    ["Offer", options.offerLabel],
    ["Stage", STAGE_DESCRIPTIONS[stage]],
    ["Action", lead.action],
    ["Source", lead.source],
    ["Received", formatUtc(lead.receivedAt)],
    ["Company", customer.company],
    ["Country", customer.country],
    ...(includePersonalData
      ? ([
          ["Name", fullName === "" ? undefined : fullName],
          ["Email", customer.email],
          ["Phone", customer.phone],
          ["Job title", customer.title],
          ["Description", lead.description],
        ] as [string, string | undefined][])
      : []),
  ];
  const presentRows = rows.filter((row): row is [string, string] => row[1] !== undefined);

  const notes: string[] = [];
  if (lead.isTest) {
    notes.push(
      `This is Microsoft's test lead${testToken ? ` (${testToken})` : ""}: it proves the connection works and is not a customer.`,
    );
  } else if (stage === "do_not_contact") {
    notes.push("Do not contact this customer: they did not ask to be contacted.");
  } else {
    notes.push("Follow up within 24 hours, while the customer is still warm.");
  }
  if (flag === "unknown_action") {
    notes.push(
      `The action code "${lead.action ?? ""}" is not one Leadrelay knows; the lead is treated as initial interest.`,
    );
  }
  if (lead.isPrivacyRedacted && lead.privacyRedactionReason !== undefined)
    notes.push(lead.privacyRedactionReason);
  else if (!includePersonalData)
    notes.push("Contact details are not sent by email; open the lead in Leadrelay to see them.");

  const link = safeHttpUrl(options.appUrl);
  const subject = singleLine(subjectFor(lead, stage, options.offerLabel));

  const text = [
    subject,
    "",
    ...presentRows.map(([label, value]) => `${label}: ${value}`),
    "",
    ...notes,
    ...(link ? ["", `Open the lead: ${link}`] : []),
  ].join("\n");

  const html = [
    `<h1>${escapeHtml(subject)}</h1>`,
    "<table>",
    ...presentRows.map(
      ([label, value]) =>
        `<tr><th align="left">${escapeHtml(label)}</th><td style="white-space: pre-wrap">${escapeHtml(value)}</td></tr>`,
    ),
    "</table>",
    ...notes.map((note) => `<p>${escapeHtml(note)}</p>`),
    ...(link ? [`<p><a href="${escapeHtml(link)}">Open the lead in Leadrelay</a></p>`] : []),
  ].join("\n");

  return { subject, text, html };
}

function subjectFor(lead: Lead, stage: FunnelStage, offerLabel: string): string {
  if (lead.isTest) return `Test lead received for ${offerLabel}`;
  if (stage === "do_not_contact") return `Do-not-contact notice for ${offerLabel}`;
  const company = lead.customer.company;
  return `New ${STAGE_WORDS[stage]} lead for ${offerLabel}${company ? ` from ${company}` : ""}`;
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** A subject is one header line: line breaks in customer data must not start new headers. */
function singleLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/gu, " ");
}

function safeHttpUrl(url: string | undefined): string | undefined {
  return url !== undefined && /^https?:\/\/\S+$/iu.test(url.trim()) ? url.trim() : undefined;
}

function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
