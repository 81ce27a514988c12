/**
 * The daily follow-up digest: every owner with follow-ups overdue, due today or back from
 * nurture gets an in-app notice (always) and an e-mail (when SMTP is configured). Leads
 * nobody owns go to the tenant's owners and admins. Run by graphile-worker's scheduler:
 *
 *   run({ …, taskList: { [FOLLOW_UP_DIGEST_TASK]: createFollowUpDigestTask(db, { publicUrl }) },
 *         crontab: FOLLOW_UP_DIGEST_CRONTAB })
 *
 * The crontab fires once per day across all worker processes (graphile-worker records each
 * run in known_crontabs); a second run the same day writes nothing twice.
 */
import { FOLLOW_UP_DIGEST_KIND, NotificationRepository, type Db, type DigestLeadDto, type DigestRecipientDto } from "@leadrelay/db";
import { dayBounds, followUpDigestText, toLocalDateTimeValue, type DigestLead } from "@leadrelay/leads";
import { escapeHtml, sendMail as smtpSendMail, type MailMessage } from "@leadrelay/mail";
import type { Task } from "graphile-worker";

export const FOLLOW_UP_DIGEST_TASK = "follow_up_digest";

/**
 * 07:00 UTC every day. No backfill: a day missed while no worker ran is skipped (an old
 * digest is noise, and the next one lists everything still due); three attempts at most.
 */
export const FOLLOW_UP_DIGEST_CRONTAB = `0 7 * * * ${FOLLOW_UP_DIGEST_TASK} ?max=3&jobKey=${FOLLOW_UP_DIGEST_TASK}`;

/** Leads listed by name in one digest; the rest are counted. */
const LEADS_PER_DIGEST = 10;

export interface DigestOptions {
  now?: Date;
  /** Day boundaries ("due today"); users have no time zone of their own yet. */
  timeZone?: string;
  /** Public origin for the link in e-mails. */
  publicUrl?: string;
  /** Sends over SMTP; returns false when SMTP is not configured. Tests pass a fake. */
  sendMail?: (message: MailMessage) => Promise<boolean>;
  log?: (message: string) => void;
}

export interface DigestResult {
  notifications: number;
  emails: number;
  /** Recipients already notified today (a second run). */
  skipped: number;
}

function leadName(lead: DigestLeadDto): string {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(" ").trim() || lead.email || "—";
  return lead.company && lead.company !== name ? `${name} (${lead.company})` : name;
}

function digestLead(lead: DigestLeadDto, now: Date, timeZone: string): DigestLead {
  const followUpFirst = lead.nextFollowUpAt && (!lead.nurtureUntil || lead.nextFollowUpAt <= lead.nurtureUntil);
  const at = (followUpFirst ? lead.nextFollowUpAt : lead.nurtureUntil)!;
  const status = !followUpFirst ? "nurture" : at < now ? "overdue" : "today";
  return { name: leadName(lead), status, dueAt: toLocalDateTimeValue(at, timeZone).replace("T", " ") };
}

function mailFor(title: string, body: string, link: string | null): Pick<MailMessage, "subject" | "text" | "html"> {
  const lines = [...body.split("\n"), ...(link ? ["", link] : [])];
  return {
    subject: title,
    text: lines.join("\n"),
    html: `<p><strong>${escapeHtml(title)}</strong></p>${lines.map((l) => (l ? `<p>${escapeHtml(l)}</p>` : "")).join("")}`,
  };
}

/** Writes today's digests; safe to run more than once a day. */
export async function runFollowUpDigest(db: Db, options: DigestOptions = {}): Promise<DigestResult> {
  const now = options.now ?? new Date();
  const timeZone = options.timeZone ?? "UTC";
  const send = options.sendMail ?? smtpSendMail;
  const link = options.publicUrl ? `${options.publicUrl.replace(/\/+$/u, "")}/follow-up` : null;
  const day = dayBounds(now, timeZone);
  const notifications = new NotificationRepository(db);
  const result: DigestResult = { notifications: 0, emails: 0, skipped: 0 };

  const recipients: DigestRecipientDto[] = await notifications.digestRecipients(now, day.end);
  for (const recipient of recipients) {
    if (await notifications.hasSince(recipient.tenantId, recipient.ownerId, FOLLOW_UP_DIGEST_KIND, day.start)) {
      result.skipped++;
      continue;
    }
    const people = recipient.ownerId
      ? [{ userId: recipient.ownerId, ...(await notifications.recipient(recipient.ownerId))! }]
      : await notifications.admins(recipient.tenantId);
    if (people.length === 0) continue;
    const leads = await notifications.digestLeads(recipient.tenantId, recipient.ownerId, day.end, LEADS_PER_DIGEST);
    const total = recipient.overdue + recipient.dueToday + recipient.nurtureDue;
    const input = {
      overdue: recipient.overdue,
      dueToday: recipient.dueToday,
      nurtureDue: recipient.nurtureDue,
      leads: leads.map((l) => digestLead(l, now, timeZone)),
      more: Math.max(0, total - leads.length),
      unassigned: recipient.ownerId === null,
      tenantName: recipient.tenantName,
    };
    // The in-app notice speaks the owner's language (the first admin's, for a shared one).
    const notice = followUpDigestText(input, people[0]!.locale);
    await notifications.create({ tenantId: recipient.tenantId, userId: recipient.ownerId, kind: FOLLOW_UP_DIGEST_KIND, title: notice.title, body: notice.body, link: "/follow-up" });
    result.notifications++;

    for (const person of people) {
      const text = followUpDigestText(input, person.locale);
      try {
        if (await send({ to: person.email, ...mailFor(text.title, text.body, link) })) result.emails++;
      } catch (error) {
        // The in-app notice is written; one unreachable mailbox must not stop the others' digests.
        options.log?.(`Could not e-mail the follow-up digest to ${person.email}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return result;
}

/** The graphile-worker task; register it under FOLLOW_UP_DIGEST_TASK with FOLLOW_UP_DIGEST_CRONTAB. */
export function createFollowUpDigestTask(db: Db, options: Pick<DigestOptions, "publicUrl" | "timeZone" | "sendMail"> = {}): Task {
  return async (_payload, helpers) => {
    const result = await runFollowUpDigest(db, { ...options, log: (message) => helpers.logger.warn(message) });
    helpers.logger.info(`Follow-up digest: ${result.notifications} notices, ${result.emails} e-mails, ${result.skipped} already sent today.`);
  };
}
