import type { AddressInfo } from "node:net";

import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

/** One message as the SMTP server received and parsed it. */
export interface CapturedMail {
  envelope: { from: string | undefined; to: string[] };
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, to use as SMTP_URL. */
  readonly url: string;
  readonly messages: CapturedMail[];
  /** Recipients answered with this SMTP reply at RCPT TO (e.g. 550 or 450). */
  rejectRecipients(responseCode: number, message: string): void;
  acceptRecipients(): void;
  stop(): Promise<void>;
}

/** A local SMTP server (the `smtp-server` package) that keeps every message it gets. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: CapturedMail[] = [];
  let rejection: { responseCode: number; message: string } | undefined;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address: SMTPServerAddress, _session, callback) {
      if (!rejection) return callback();
      const error = Object.assign(new Error(rejection.message), {
        responseCode: rejection.responseCode,
      });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        simpleParser(raw)
          .then((parsed) => {
            messages.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
                to: session.envelope.rcptTo.map((recipient) => recipient.address),
              },
              raw,
              parsed,
            });
            callback();
          })
          .catch((error: unknown) => callback(error as Error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    rejectRecipients: (responseCode, message) => {
      rejection = { responseCode, message };
    },
    acceptRecipients: () => {
      rejection = undefined;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
