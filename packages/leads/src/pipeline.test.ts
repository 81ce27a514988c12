import { describe, expect, it } from "vitest";

import { parseHttpsPayload } from "./formats/https";
import type { Lead } from "./lead";
import { leadFlags, processInboundLead } from "./pipeline";
import { F01, F03_TEST_LEAD, F08, F11, HTTPS_CPP_EXAMPLE } from "./test/reference-payloads";

function parsedLead(json: unknown): Lead {
  const result = parseHttpsPayload(json, { receivedAt: new Date("2024-05-01T09:00:00Z") });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.lead;
}

describe("processInboundLead", () => {
  it("classifies and keys an ordinary lead", () => {
    const processed = processInboundLead(parsedLead(F01));
    expect(processed.stage).toBe("initial");
    expect(processed.flags).toEqual([]);
    expect(processed.dedupKey).toBe(
      JSON.stringify([
        "offer",
        "contoso.contoso-crm-connector",
        "email",
        "priya.raman@fabrikam.com",
      ]),
    );
  });

  it("redacts before keying, so a redacted lead is never merged (F08)", () => {
    const processed = processInboundLead(parsedLead(F08));
    expect(processed.lead.isPrivacyRedacted).toBe(true);
    expect(processed.lead.customer).toEqual({ country: "US" });
    expect(processed.flags).toEqual(["privacy_redacted"]);
    expect(processed.dedupKey).toBeNull();
  });

  it("applies the tenant's extra domains", () => {
    const lead = parsedLead({
      ...F01,
      UserDetails: { ...F01.UserDetails, Email: "p@maths.ox.ac.uk" },
    });
    expect(processInboundLead(lead).lead.isPrivacyRedacted).toBe(false);
    expect(processInboundLead(lead, { extraDomains: ["ox.ac.uk"] }).lead.isPrivacyRedacted).toBe(
      true,
    );
  });
});

describe("leadFlags", () => {
  it("flags what needs a look", () => {
    expect(leadFlags(parsedLead(F03_TEST_LEAD))).toEqual(["test"]);
    expect(leadFlags(parsedLead(F11))).toEqual(["no_contact_data"]);
    expect(leadFlags(parsedLead(HTTPS_CPP_EXAMPLE))).toEqual(["unknown_source", "missing_action"]);
    expect(
      leadFlags(parsedLead({ UserDetails: { Email: "a@b.example" }, ActionCode: "Renew" })),
    ).toEqual(["missing_source", "unknown_action"]);
  });
});
