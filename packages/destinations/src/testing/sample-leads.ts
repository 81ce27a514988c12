import type { Lead } from "@leadrelay/leads";

/** A real-looking lead, with characters that must be escaped in HTML and encoded in forms. */
export function sampleLead(overrides: Partial<Lead> = {}): Lead {
  return {
    customer: {
      firstName: "Aisha",
      lastName: "Bello-O'Neil",
      email: "aisha@woodgrove.example",
      phone: "+234 1 234 5678",
      country: "NG",
      company: "Woodgrove <Bank> & Trust",
      title: "CISO",
    },
    source: "AzureMarketplace",
    action: "INS",
    offer: { publisherId: "woodgrove", offerId: "secure-vm" },
    offerTitle: "Woodgrove Secure VM",
    description: "Needs SSO for ~400 seats; café ☕",
    receivedAt: new Date("2026-03-02T09:15:00.000Z"),
    isTest: false,
    isPrivacyRedacted: false,
    extraFields: {},
    ...overrides,
  };
}
