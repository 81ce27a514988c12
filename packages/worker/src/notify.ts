import { DestinationRepository, type DbTx } from "@leadrelay/db";
import { escapeHtml, sendMail } from "@leadrelay/mail";

export interface DestinationNotice {
  tenantId: string;
  destinationId: string;
  destinationName: string;
  /** `failing`: at 5, 10, 15 consecutive failures; `paused`: deliveries are held until someone resumes it. */
  kind: "failing" | "paused";
  consecutiveFailures: number;
  reason: string;
  /** Paused because it did nothing but fail for days: since when. */
  failingSince?: Date | null;
}

function compose(notice: DestinationNotice, publicUrl?: string) {
  const link = publicUrl ? `${publicUrl}/offers` : null;
  const subject =
    notice.kind === "paused"
      ? `Leadrelay paused the destination "${notice.destinationName}"`
      : `The destination "${notice.destinationName}" failed ${notice.consecutiveFailures} times in a row`;
  const lines =
    notice.kind === "paused"
      ? [
          notice.failingSince
            ? `Leadrelay paused "${notice.destinationName}": it has failed since ${notice.failingSince.toUTCString()} without a single successful delivery (${notice.consecutiveFailures} failures).`
            : `Leadrelay paused "${notice.destinationName}" after ${notice.consecutiveFailures} consecutive failures.`,
          `Last error: ${notice.reason}`,
          "",
          "No lead is lost: new leads for it are kept and held. Fix the destination's settings (use \"Send test lead\" to check),",
          "then resume it: everything it missed is delivered in the order it arrived.",
        ]
      : [
          `Leadrelay could not deliver leads to "${notice.destinationName}" (${notice.consecutiveFailures} failures in a row). It keeps retrying.`,
          `Last error: ${notice.reason}`,
          "",
          "Check the destination's settings and use \"Send test lead\" to see what the receiver answers.",
        ];
  if (link) lines.push("", link);
  const text = lines.join("\n");
  const html = lines.map((line) => (line ? `<p>${escapeHtml(line)}</p>` : "")).join("");
  return { subject, text, html };
}

/** E-mails the tenant's owners and admins (does nothing when SMTP is not configured). */
export async function notifyAdmins(db: DbTx, notice: DestinationNotice, publicUrl?: string): Promise<boolean> {
  const to = await new DestinationRepository(db).adminEmails(notice.tenantId);
  if (to.length === 0) return false;
  return sendMail({ to, ...compose(notice, publicUrl) });
}
