import { describe, expect, it } from "vitest";

import { leadSchema } from "./lead-schema";
import {
  dateFromDotNetTicks,
  dotNetTicks,
  findTestLeadToken,
  isTestLead,
  makeTestLead,
  testLeadToken,
} from "./test-lead";

describe(".NET ticks", () => {
  it("computes (unixMs + 62135596800000) × 10000 exactly", () => {
    expect(dotNetTicks(new Date(0))).toBe(621_355_968_000_000_000n);
    expect(dotNetTicks(new Date("2018-03-22T15:48:03.131Z"))).toBe(636_573_304_831_310_000n);
  });

  it("dates the docs' test-lead tokens", () => {
    expect(dateFromDotNetTicks(636_573_304_831_318_844n)).toEqual(
      new Date("2018-03-22T15:48:03.131Z"),
    );
    expect(dateFromDotNetTicks(636_737_558_587_117_715n)).toEqual(
      new Date("2018-09-28T18:24:18.711Z"),
    );
  });

  it("round-trips at millisecond precision", () => {
    const now = new Date("2026-11-26T03:49:12.345Z");
    expect(dateFromDotNetTicks(dotNetTicks(now))).toEqual(now);
  });
});

describe("makeTestLead", () => {
  const now = new Date("2018-03-22T15:48:03.131Z");

  it("builds the marketplace's test lead with the ticks of now", () => {
    expect(
      makeTestLead(
        { offer: { publisherId: "contoso", offerId: "app" }, offerTitle: "Contoso Test" },
        now,
      ),
    ).toEqual({
      customer: {
        firstName: "MSFT_TEST_636573304831310000",
        lastName: "MSFT_TEST_636573304831310000",
        email: "MSFT_TEST_636573304831310000@test.com",
        phone: "1234567890",
        country: "US",
        company: "MSFT_TEST_636573304831310000",
        title: "MSFT_TEST_636573304831310000",
      },
      source: "AzureMarketplace",
      action: "INS",
      offer: { publisherId: "contoso", offerId: "app" },
      offerTitle: "Contoso Test",
      description: "MSFT_TEST_636573304831310000",
      receivedAt: now,
      isTest: true,
      isPrivacyRedacted: false,
      extraFields: {},
    });
  });

  it("is a valid canonical lead that recognises itself", () => {
    const lead = makeTestLead({}, now);
    expect(leadSchema.parse(lead)).toEqual(lead);
    expect(findTestLeadToken(lead)).toBe(testLeadToken(now));
  });
});

describe("isTestLead", () => {
  const base = { customer: {}, source: "AzureMarketplace", action: "INS" };

  it.each([
    ["first name", { ...base, customer: { firstName: "MSFT_TEST_636573304831318844" } }],
    ["email local part", { ...base, customer: { email: "MSFT_TEST_636573304831318844@test.com" } }],
    ["company", { ...base, customer: { company: "MSFT_TEST_1" } }],
    ["description", { ...base, description: "MSFT_TEST_636573304831318844" }],
    [
      "source and action (Salesforce form)",
      { customer: {}, source: "MSFT_TEST_1", action: "MSFT_TEST_1" },
    ],
  ])("recognises the token in the %s", (_field, lead) => {
    expect(isTestLead(lead)).toBe(true);
  });

  it.each([
    ["a real lead", { ...base, customer: { firstName: "Ada", email: "ada@contoso.com" } }],
    ["the word without digits", { ...base, customer: { company: "MSFT_TEST_" } }],
    ["lower case", { ...base, customer: { company: "msft_test_123" } }],
    ["the token inside other text", { ...base, description: "please ignore MSFT_TEST_123" }],
    [
      "only the test phone and country",
      { ...base, customer: { phone: "1234567890", country: "US" } },
    ],
  ])("does not mistake %s for a test", (_case, lead) => {
    expect(isTestLead(lead)).toBe(false);
  });
});
