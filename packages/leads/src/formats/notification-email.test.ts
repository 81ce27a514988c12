import { describe, expect, it } from "vitest";

import type { Lead } from "../lead";
import { applyPrivacyRules } from "../privacy";
import { makeTestLead } from "../test-lead";
import { F01, F06 } from "../test/reference-payloads";
import { parseHttpsPayload } from "./https";
import { toNotificationEmail } from "./notification-email";

function parsedLead(json: unknown): Lead {
  const result = parseHttpsPayload(json, { receivedAt: new Date("2024-05-01T09:00:00Z") });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.lead;
}

describe("toNotificationEmail", () => {
  it("tells the team about a new lead without personal data by default", () => {
    const email = toNotificationEmail(parsedLead(F01), {
      offerLabel: "Contoso CRM Connector",
      appUrl: "https://app.leadrelay.example/leads/lead_123",
    });
    expect(email.subject).toBe(
      "New initial-interest lead for Contoso CRM Connector from Fabrikam Ltd",
    );
    expect(email.text).toBe(
      [
        "New initial-interest lead for Contoso CRM Connector from Fabrikam Ltd",
        "",
        "Offer: Contoso CRM Connector",
        "Stage: Initial interest: the customer asked to be contacted",
        "Action: PLT",
        "Source: AppSource (SPZA)",
        "Received: 2024-05-01 09:00:00 UTC",
        "Company: Fabrikam Ltd",
        "Country: GB",
        "",
        "Follow up within 24 hours, while the customer is still warm.",
        "Contact details are not sent by email; open the lead in Leadrelay to see them.",
        "",
        "Open the lead: https://app.leadrelay.example/leads/lead_123",
      ].join("\n"),
    );
    for (const personal of [
      "Priya",
      "Raman",
      "priya.raman@fabrikam.com",
      "7946",
      "Head of IT",
      "SSO",
    ]) {
      expect(email.text).not.toContain(personal);
      expect(email.html).not.toContain(personal);
    }
    expect(email.html).toContain('<a href="https://app.leadrelay.example/leads/lead_123">');
  });

  it("includes contact details when the tenant asks for them", () => {
    const email = toNotificationEmail(parsedLead(F01), {
      offerLabel: "Contoso CRM Connector",
      includePersonalData: true,
    });
    expect(email.text).toContain("Name: Priya Raman");
    expect(email.text).toContain("Email: priya.raman@fabrikam.com");
    expect(email.text).toContain("Phone: +44 20 7946 0958");
    expect(email.text).toContain("Job title: Head of IT");
    expect(email.text).toContain("Description: We need SSO with our existing tenant, ~400 seats.");
    expect(email.text).not.toContain("Contact details are not sent by email");
  });

  it("escapes every value in the HTML and keeps the subject on one line", () => {
    const lead = parsedLead({
      UserDetails: {
        FirstName: "<script>alert(1)</script>",
        Company: 'Evil "Co" & <b>Sons</b>\r\nBcc: x@y.example',
        Email: "a@b.example",
      },
      LeadSource: "AzureMarketplace",
      ActionCode: "INS",
      Description: "it's <i>fine</i>",
    });
    const email = toNotificationEmail(lead, {
      offerLabel: "Offer <One>",
      includePersonalData: true,
      appUrl: 'https://x.example/?a="b"&c',
    });
    expect(email.html).not.toMatch(/<script>|<b>|<i>/u);
    expect(email.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(email.html).toContain("Evil &quot;Co&quot; &amp; &lt;b&gt;Sons&lt;/b&gt;");
    expect(email.html).toContain("it&#39;s &lt;i&gt;fine&lt;/i&gt;");
    expect(email.html).toContain("Offer &lt;One&gt;");
    expect(email.html).toContain('href="https://x.example/?a=&quot;b&quot;&amp;c"');
    expect(email.subject).not.toMatch(/[\r\n]/u);
    expect(email.subject).toBe(
      'New active lead for Offer <One> from Evil "Co" & <b>Sons</b> Bcc: x@y.example',
    );
  });

  it("ignores links that are not http(s)", () => {
    const email = toNotificationEmail(parsedLead(F01), {
      offerLabel: "X",
      appUrl: "javascript:alert(1)",
    });
    expect(email.html).not.toContain("javascript:");
    expect(email.text).not.toContain("Open the lead");
  });

  it("marks test leads, DNC notices, unknown actions and redacted leads", () => {
    const test = toNotificationEmail(
      makeTestLead({ offerTitle: "Contoso Test" }, new Date("2018-03-22T15:48:03.131Z")),
      { offerLabel: "Contoso Test" },
    );
    expect(test.subject).toBe("Test lead received for Contoso Test");
    expect(test.text).toContain(
      "This is Microsoft's test lead (MSFT_TEST_636573304831310000): it proves the connection works and is not a customer.",
    );

    const dnc = toNotificationEmail(parsedLead(F06), { offerLabel: "Contoso Analytics" });
    expect(dnc.subject).toBe("Do-not-contact notice for Contoso Analytics");
    expect(dnc.text).toContain("Do not contact this customer: they did not ask to be contacted.");
    expect(dnc.text).not.toContain("Follow up within 24 hours");

    const unknown = toNotificationEmail(
      parsedLead({ ...F01, ActionCode: "SaaSTrial", LeadSource: "AppSource (SPZA)" }),
      { offerLabel: "X" },
    );
    expect(unknown.text).toContain(
      'The action code "SaaSTrial" is not one Leadrelay knows; the lead is treated as initial interest.',
    );

    const redacted = applyPrivacyRules(
      parsedLead({ ...F01, UserDetails: { ...F01.UserDetails, Email: "p@ox.edu" } }),
    );
    const email = toNotificationEmail(redacted, { offerLabel: "X", includePersonalData: true });
    expect(email.text).toContain("The email is on an .edu domain (ox.edu).");
    expect(email.text).not.toContain("Priya");
  });
});
