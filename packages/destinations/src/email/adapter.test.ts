import { toNotificationEmail } from "@leadrelay/leads";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { testDeliveryContext } from "../testing/context";
import { sampleLead } from "../testing/sample-leads";
import { emailAdapter } from "./adapter";
import { emailConfigSchema } from "./config";
import { startSmtpSink, type SmtpSink } from "./fake";

let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
});

afterAll(async () => {
  await sink.stop();
});

beforeEach(() => {
  sink.messages.length = 0;
  sink.acceptRecipients();
});

const config = emailConfigSchema.parse({
  recipients: "sales@contoso.example; ops@contoso.example",
});

describe("e-mail adapter", () => {
  it("sends the notification e-mail with the customer's text escaped in HTML", async () => {
    const lead = sampleLead();
    const ctx = testDeliveryContext({
      smtpUrl: sink.url,
      smtpFrom: "Leadrelay <leads@leadrelay.example>",
    });
    const outcome = await emailAdapter.deliver(lead, config, {}, ctx);
    expect(outcome).toMatchObject({
      kind: "delivered",
      externalId: `<${ctx.idempotencyKey}@leadrelay>`,
    });

    const [mail] = sink.messages;
    const expected = toNotificationEmail(lead, {
      offerLabel: ctx.offerLabel,
      appUrl: ctx.appUrl,
      includePersonalData: false,
    });
    expect(mail?.envelope).toEqual({
      from: "leads@leadrelay.example",
      to: ["sales@contoso.example", "ops@contoso.example"],
    });
    expect(mail?.parsed.subject).toBe(expected.subject);
    expect(mail?.parsed.subject).toBe(
      "New active lead for woodgrove.secure-vm from Woodgrove <Bank> & Trust",
    );
    expect(mail?.parsed.html).toContain("Woodgrove &lt;Bank&gt; &amp; Trust");
    expect(mail?.parsed.html).not.toContain("<Bank>");
    expect(mail?.parsed.text?.trim()).toBe(expected.text.trim());
    expect(mail?.parsed.text).toContain(
      "Open the lead: https://app.leadrelay.example/leads/lead_123",
    );
    expect(mail?.parsed.text).not.toContain("aisha@woodgrove.example");
    expect(mail?.parsed.headers.get("x-leadrelay-delivery")).toBe(ctx.idempotencyKey);
  });

  it("includes contact details only when the tenant asks for them", async () => {
    const withDetails = emailConfigSchema.parse({
      recipients: ["sales@contoso.example"],
      includePersonalData: true,
    });
    await emailAdapter.deliver(
      sampleLead(),
      withDetails,
      {},
      testDeliveryContext({ smtpUrl: sink.url }),
    );
    expect(sink.messages[0]?.parsed.text).toContain("Email: aisha@woodgrove.example");
    expect(sink.messages[0]?.parsed.from?.value).toEqual([
      { name: "Leadrelay", address: "no-reply@leadrelay.local" },
    ]);
  });

  it("fails permanently, saying why, when no SMTP server is configured", async () => {
    expect(await emailAdapter.deliver(sampleLead(), config, {}, testDeliveryContext())).toEqual({
      kind: "permanent_failure",
      reason:
        "SMTP is not configured (SMTP_URL): Leadrelay's operator must set an SMTP server to send e-mail",
    });
  });

  it("fails permanently on a 5xx reply and retries a 4xx reply", async () => {
    sink.rejectRecipients(550, "Mailbox unavailable");
    const permanent = await emailAdapter.deliver(
      sampleLead(),
      config,
      {},
      testDeliveryContext({ smtpUrl: sink.url }),
    );
    expect(permanent.kind).toBe("permanent_failure");
    expect(permanent.kind === "permanent_failure" && permanent.reason).toContain(
      "550 Mailbox unavailable",
    );

    sink.rejectRecipients(450, "Mailbox busy, try later");
    const temporary = await emailAdapter.deliver(
      sampleLead(),
      config,
      {},
      testDeliveryContext({ smtpUrl: sink.url }),
    );
    expect(temporary.kind).toBe("retryable");
    expect(sink.messages).toHaveLength(0);
  });

  it("retries when the SMTP server cannot be reached", async () => {
    const closed = await startSmtpSink();
    await closed.stop();
    const outcome = await emailAdapter.deliver(
      sampleLead(),
      config,
      {},
      testDeliveryContext({ smtpUrl: closed.url }),
    );
    expect(outcome).toMatchObject({
      kind: "retryable",
      reason: expect.stringContaining("ECONNREFUSED"),
    });
  });
});

describe("e-mail settings", () => {
  it("accepts a list or Partner Center's semicolon-separated text", () => {
    expect(
      emailConfigSchema.parse({ recipients: " a@contoso.example ;b@contoso.example; " }),
    ).toEqual({
      recipients: ["a@contoso.example", "b@contoso.example"],
      includePersonalData: false,
    });
    expect(emailConfigSchema.parse({ recipients: ["a@contoso.example"] }).recipients).toEqual([
      "a@contoso.example",
    ]);
  });

  it("explains invalid recipients", () => {
    const message = (recipients: unknown) =>
      emailConfigSchema.safeParse({ recipients }).error?.issues[0]?.message;
    expect(message("sales@contoso.example; not-an-address")).toBe(
      '"not-an-address" is not a valid e-mail address',
    );
    expect(message("")).toBe("Enter at least one e-mail address");
    expect(message(Array.from({ length: 21 }, (_, i) => `u${i}@contoso.example`))).toBe(
      "Enter at most 20 e-mail addresses",
    );
    expect(message(42)).toBe("Enter one or more e-mail addresses, separated by semicolons");
  });
});
