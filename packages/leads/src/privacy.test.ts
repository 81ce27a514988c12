import { describe, expect, it } from "vitest";

import type { Lead } from "./lead";
import { applyPrivacyRules, findPrivacyMatch, normalizePrivacyDomain } from "./privacy";

const lead: Lead = {
  customer: {
    firstName: "Ada",
    lastName: "Lovelace",
    email: "ada@cs.stanford.edu",
    phone: "+1 650 555 0100",
    country: "US",
    company: "Stanford University",
    title: "Research assistant",
  },
  source: "AppSource (SPZA)",
  action: "INS",
  offer: { publisherId: "contoso", offerId: "contoso-notes" },
  offerTitle: "Contoso Notes",
  description: "Call me on my mobile",
  receivedAt: new Date("2024-05-01T09:00:00.000Z"),
  isTest: false,
  isPrivacyRedacted: false,
  extraFields: { ReferralId: "r-1" },
};

describe("findPrivacyMatch", () => {
  it.each([
    "x@stanford.edu",
    "x@cs.stanford.edu",
    "X@CS.Stanford.EDU",
    "x@university.edu.",
    " x@mit.edu ",
  ])("matches the .edu domain and its subdomains: %s", (email) => {
    expect(findPrivacyMatch(email)?.rule).toBe("edu");
  });

  it.each([
    "x@education.com",
    "x@stanford.edu.au",
    "x@edu.example.com",
    "x@notedu",
    "not an email",
    "x@",
  ])("does not match other domains: %s", (email) => {
    expect(findPrivacyMatch(email)).toBeUndefined();
  });

  it("matches the tenant's extra domains and their subdomains, however they were typed", () => {
    const policy = { extraDomains: ["@ox.ac.uk", "*.school.example", "K12.Example."] };
    expect(findPrivacyMatch("a@ox.ac.uk", policy)).toEqual({
      rule: "tenant_domain",
      emailDomain: "ox.ac.uk",
      matchedDomain: "ox.ac.uk",
    });
    expect(findPrivacyMatch("a@maths.ox.ac.uk", policy)?.matchedDomain).toBe("ox.ac.uk");
    expect(findPrivacyMatch("a@district.school.example", policy)?.matchedDomain).toBe(
      "school.example",
    );
    expect(findPrivacyMatch("a@k12.example", policy)?.matchedDomain).toBe("k12.example");
    expect(findPrivacyMatch("a@cam.ac.uk", policy)).toBeUndefined();
    expect(findPrivacyMatch("a@fox.ac.uk", policy)).toBeUndefined();
  });

  it("has nothing to match without an email", () => {
    expect(findPrivacyMatch(undefined)).toBeUndefined();
  });

  it("normalises tenant domains", () => {
    expect(normalizePrivacyDomain(" @Example.ORG ")).toBe("example.org");
    expect(normalizePrivacyDomain("*.")).toBeUndefined();
  });
});

describe("applyPrivacyRules", () => {
  it("removes personal data of .edu leads and keeps country, company and the marketplace event", () => {
    expect(applyPrivacyRules(lead)).toEqual({
      customer: { country: "US", company: "Stanford University" },
      source: "AppSource (SPZA)",
      action: "INS",
      offer: { publisherId: "contoso", offerId: "contoso-notes" },
      offerTitle: "Contoso Notes",
      receivedAt: lead.receivedAt,
      isTest: false,
      isPrivacyRedacted: true,
      privacyRedactionReason:
        "The email is on an .edu domain (cs.stanford.edu). Microsoft does not pass personal data of .edu customers, so names, email, phone, job title, description and extra fields were removed; country and company were kept.",
      extraFields: {},
    });
  });

  it("explains a tenant rule in its own words", () => {
    const redacted = applyPrivacyRules(
      { ...lead, customer: { ...lead.customer, email: "a@maths.ox.ac.uk" } },
      { extraDomains: ["ox.ac.uk"] },
    );
    expect(redacted.privacyRedactionReason).toBe(
      "The email domain maths.ox.ac.uk is on this workspace's privacy list (ox.ac.uk), so names, email, phone, job title, description and extra fields were removed; country and company were kept.",
    );
  });

  it("leaves other leads untouched", () => {
    const other = { ...lead, customer: { ...lead.customer, email: "ada@contoso.com" } };
    expect(applyPrivacyRules(other)).toBe(other);
  });

  it("is idempotent", () => {
    const once = applyPrivacyRules(lead);
    expect(applyPrivacyRules(once)).toEqual(once);
  });
});
