import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { leadSchema } from "./lead-schema";
import { leadArb, extraFieldsArb } from "./test/arbitraries";

describe("leadSchema", () => {
  it("accepts every canonical lead unchanged", () => {
    fc.assert(
      fc.property(leadArb({ extraFields: extraFieldsArb([]) }), (lead) => {
        expect(leadSchema.parse(lead)).toEqual(lead);
      }),
      { numRuns: 300 },
    );
  });

  it("canonicalises API input the way the parsers do", () => {
    expect(
      leadSchema.parse({
        customer: { firstName: "  Grace ", lastName: "", email: null },
        source: "azuremarketplace",
        action: " ins ",
        offer: { publisherId: "contoso", offerId: "3701c77e-1cfa-4c56-91e6-3ed0b622145a" },
        receivedAt: "2024-05-01T09:00:00Z",
      }),
    ).toEqual({
      customer: { firstName: "Grace" },
      source: "AzureMarketplace",
      action: "INS",
      offer: { publisherId: "contoso", offerId: "3701c77e-1cfa-4c56-91e6-3ed0b622145a" },
      receivedAt: new Date("2024-05-01T09:00:00Z"),
      isTest: false,
      isPrivacyRedacted: false,
      extraFields: {},
    });
  });

  it("marks a lead carrying a test token as a test whatever the input says", () => {
    const lead = leadSchema.parse({
      customer: { email: "MSFT_TEST_636573304831318844@test.com" },
      receivedAt: new Date(),
      isTest: false,
    });
    expect(lead.isTest).toBe(true);
  });

  it("keeps a __proto__ extra field as data", () => {
    const input = JSON.parse(
      '{"receivedAt":"2024-05-01T09:00:00Z","extraFields":{"__proto__":{"isAdmin":true}}}',
    ) as unknown;
    const lead = leadSchema.parse(input);
    expect(Object.getPrototypeOf(lead.extraFields)).toBe(Object.prototype);
    expect(Object.keys(lead.extraFields)).toEqual(["__proto__"]);
  });

  it("keeps unknown codes verbatim", () => {
    expect(
      leadSchema.parse({ source: "Partner Center", action: "SaaSTrial", receivedAt: new Date() }),
    ).toMatchObject({
      source: "Partner Center",
      action: "SaaSTrial",
    });
  });

  it.each([
    [{ receivedAt: "yesterday" }, ["receivedAt"]],
    [
      { receivedAt: new Date(), offer: { publisherId: "con.toso", offerId: "x" } },
      ["offer", "publisherId"],
    ],
    [
      { receivedAt: new Date(), offer: { publisherId: "contoso", offerId: "my offer" } },
      ["offer", "offerId"],
    ],
    [{ receivedAt: new Date(), customer: { firstname: "typo" } }, ["customer"]],
    [{ receivedAt: new Date(), isPrivacyRedacted: true }, ["privacyRedactionReason"]],
    [{ receivedAt: new Date(), privacyRedactionReason: "because" }, ["privacyRedactionReason"]],
    [{ receivedAt: new Date(), extraFields: { x: () => 1 } }, ["extraFields", "x"]],
    [{ receivedAt: new Date(), extraFields: { x: { y: Number.NaN } } }, ["extraFields", "x"]],
    [{ receivedAt: new Date(), extraFields: ["x"] }, ["extraFields"]],
  ])("refuses %j with an issue at %j", (input, path) => {
    const result = leadSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(path);
  });
});
