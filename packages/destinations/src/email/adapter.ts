import { toNotificationEmail, type Lead } from "@leadrelay/leads";
import nodemailer from "nodemailer";

import type { DeliveryContext, DeliveryOutcome, DestinationAdapter } from "../types";
import {
  emailConfigSchema,
  emailSecretsSchema,
  type EmailConfig,
  type EmailSecrets,
} from "./config";

export const DEFAULT_SMTP_FROM = "Leadrelay <no-reply@leadrelay.local>";

/** Nodemailer's error fields for SMTP failures. */
interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message: string;
}

/** A Message-ID derived from the delivery, so a resent notice threads with (and can be dropped as) the first. */
function messageId(ctx: DeliveryContext): string {
  return `<${ctx.idempotencyKey.replace(/[^A-Za-z0-9._-]/gu, "_")}@leadrelay>`;
}

async function deliver(
  lead: Lead,
  config: EmailConfig,
  _secrets: EmailSecrets,
  ctx: DeliveryContext,
): Promise<DeliveryOutcome> {
  if (!ctx.smtpUrl) {
    return {
      kind: "permanent_failure",
      reason:
        "SMTP is not configured (SMTP_URL): Leadrelay's operator must set an SMTP server to send e-mail",
    };
  }
  const email = toNotificationEmail(lead, {
    offerLabel: ctx.offerLabel,
    appUrl: ctx.appUrl,
    includePersonalData: config.includePersonalData,
  });
  const transport = nodemailer.createTransport(ctx.smtpUrl, {
    connectionTimeout: ctx.timeoutMs,
    greetingTimeout: ctx.timeoutMs,
    socketTimeout: ctx.timeoutMs,
  });
  try {
    const info = await transport.sendMail({
      from: ctx.smtpFrom ?? DEFAULT_SMTP_FROM,
      to: config.recipients,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: messageId(ctx),
      headers: { "X-Leadrelay-Delivery": ctx.idempotencyKey },
    });
    return {
      kind: "delivered",
      externalId: info.messageId,
      responseExcerpt: info.response.slice(0, 500),
    };
  } catch (error) {
    return smtpFailureOutcome(error as SmtpError);
  } finally {
    transport.close();
  }
}

/** SMTP replies: 4xx are temporary, 5xx permanent; connection problems are retried. */
function smtpFailureOutcome(error: SmtpError): DeliveryOutcome {
  const reply = error.response ?? error.message;
  const excerpt = reply.slice(0, 500);
  if (error.code === "EAUTH") {
    // The operator's SMTP credentials, not the tenant's: retried while the operator fixes SMTP_URL.
    return {
      kind: "retryable",
      reason: `The SMTP server refused Leadrelay's credentials (check SMTP_URL): ${reply}`,
      responseExcerpt: excerpt,
    };
  }
  if (error.responseCode !== undefined && error.responseCode >= 500) {
    return {
      kind: "permanent_failure",
      reason: `The SMTP server refused the message (${error.responseCode}): ${reply}`,
      responseExcerpt: excerpt,
    };
  }
  if (error.code === "ETIMEDOUT") {
    return {
      kind: "retryable",
      reason: `The SMTP server did not answer in time: ${reply}`,
      timedOut: true,
      responseExcerpt: excerpt,
    };
  }
  return {
    kind: "retryable",
    reason: `Could not send through the SMTP server${error.code ? ` (${error.code})` : ""}: ${reply}`,
    responseExcerpt: excerpt,
  };
}

export const emailAdapter: DestinationAdapter<EmailConfig, EmailSecrets> = {
  kind: "EMAIL",
  label: "E-mail notification",
  description:
    "E-mails your team for each new lead, with a link to it in Leadrelay. Contact details stay out of the message unless you include them.",
  configSchema: emailConfigSchema,
  secretsSchema: emailSecretsSchema,
  secretFields: [],
  setupGuide: {
    steps: [
      "Enter up to 20 addresses, separated by semicolons (you can paste Partner Center's Contact email value).",
      "Choose whether the message may carry the customer's name, e-mail, phone and notes; by default it holds only the offer, company and country, and a link to the lead.",
      'Save, then send a test lead: the message\'s subject starts with "Test lead received".',
    ],
    warnings: [
      "Check junk folders for the first message, and allow the sender address.",
      "Microsoft's own lead e-mails are not reliable and carry no lead details; these are Leadrelay's.",
    ],
  },
  deliver,
};
