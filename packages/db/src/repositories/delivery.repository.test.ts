import { describe, expect, it } from "vitest";
import { toCanonicalLead, type LeadRowForDelivery, type TouchpointRowForDelivery } from "./canonical-lead";

const receivedAt = new Date("2026-03-01T09:30:00Z");

const leadRow = (over: Partial<LeadRowForDelivery> = {}): LeadRowForDelivery => ({
  offerRef: null,
  offerTitle: null,
  firstName: "Ada",
  lastName: "Lovelace",
  email: "ada@contoso.example",
  phone: null,
  country: "GB",
  company: "Contoso",
  title: "  ",
  source: "AzureMarketplace",
  action: "PLT",
  description: null,
  isTest: false,
  isPrivacyRedacted: false,
  privacyReason: null,
  offer: null,
  ...over,
});

const touchpoint = (over: Partial<TouchpointRowForDelivery> = {}): TouchpointRowForDelivery => ({
  source: "AzurePortal",
  action: "Create",
  receivedAt,
  extraFields: { CampaignId: "spring" },
  isTest: false,
  ...over,
});

describe("toCanonicalLead", () => {
  it("takes the person from the lead and what they did from the touchpoint being delivered", () => {
    const lead = toCanonicalLead(
      leadRow({ offer: { publisherId: "contoso", offerId: "analytics", title: "Contoso Analytics" } }),
      touchpoint(),
    );
    expect(lead).toEqual({
      customer: { firstName: "Ada", lastName: "Lovelace", email: "ada@contoso.example", country: "GB", company: "Contoso" },
      source: "AzurePortal",
      action: "Create",
      offer: { publisherId: "contoso", offerId: "analytics" },
      offerTitle: "Contoso Analytics",
      receivedAt,
      isTest: false,
      isPrivacyRedacted: false,
      extraFields: { CampaignId: "spring" },
    });
  });

  it("falls back to the lead's source and action, and parses an offer reference that is not one of the tenant's offers", () => {
    const lead = toCanonicalLead(
      leadRow({ offerRef: "checkpoint.check-point-r77-10sg-byol", offerTitle: "Check Point" }),
      touchpoint({ source: null, action: "", extraFields: ["not", "an", "object"] }),
    );
    expect(lead).toMatchObject({
      source: "AzureMarketplace",
      action: "PLT",
      offer: { publisherId: "checkpoint", offerId: "check-point-r77-10sg-byol" },
      offerTitle: "Check Point",
      extraFields: {},
    });
  });

  it("leaves out an offer reference that is only a title, and keeps the privacy reason of a redacted lead", () => {
    const lead = toCanonicalLead(
      leadRow({ offerRef: "Contoso Analytics Pro", firstName: null, email: null, isPrivacyRedacted: true, privacyReason: "The e-mail domain is .edu" }),
      touchpoint({ isTest: true }),
    );
    expect(lead.offer).toBeUndefined();
    expect(lead.customer).toEqual({ lastName: "Lovelace", country: "GB", company: "Contoso" });
    expect(lead).toMatchObject({ isTest: true, isPrivacyRedacted: true, privacyRedactionReason: "The e-mail domain is .edu" });
  });
});
