import fc from "fast-check";
import { describe, expect, it } from "vitest";

import type { Lead } from "../lead";
import { leadSchema } from "../lead-schema";
import type { ParseResult } from "../parse-result";
import { extraFieldsArb, leadArb } from "../test/arbitraries";
import {
  F01,
  F03_TEST_LEAD,
  F04_RAW_BODY,
  F05,
  F06,
  F07,
  F10,
  F11,
  F12,
  F13,
  F14,
  F15,
  F16,
  F17,
  F18,
  F30,
  HTTPS_CPP_EXAMPLE,
  HTTPS_DOC_EXAMPLE,
} from "../test/reference-payloads";
import { parseHttpsPayload, parseHttpsPayloadText, toHttpsPayload } from "./https";
import { MARKETPLACE_CUSTOMER_KEYS } from "./marketplace-fields";

const receivedAt = new Date("2024-05-01T09:00:00.000Z");
const context = { receivedAt };

function parsedLead(json: unknown): Lead {
  const result = parseHttpsPayload(json, context);
  if (!result.ok) throw new Error(`expected a lead, got ${JSON.stringify(result.errors)}`);
  return result.lead;
}

function warningCodes(result: ParseResult): string[] {
  return result.ok ? result.warnings.map((warning) => warning.code) : [];
}

describe("parseHttpsPayload: documented and reference examples", () => {
  it("reads the docs' example body", () => {
    expect(parseHttpsPayload(HTTPS_DOC_EXAMPLE, context)).toEqual({
      ok: true,
      warnings: [],
      lead: {
        customer: {
          firstName: "Some",
          lastName: "One",
          email: "someone@contoso.com",
          phone: "16175555555",
          country: "USA",
          company: "Contoso",
          title: "Esquire",
        },
        source: "AzureMarketplace",
        action: "INS",
        offerTitle: "Test Microsoft",
        description: "Test run through Power Automate",
        receivedAt,
        isTest: false,
        isPrivacyRedacted: false,
        extraFields: {},
      },
    });
  });

  it("keeps the Cloud Partner Portal's free-text LeadSource as an unknown source", () => {
    const result = parseHttpsPayload(HTTPS_CPP_EXAMPLE, context);
    expect(result.ok && result.lead.source).toBe("Test run through MS Flow");
    expect(result.ok && result.lead.action).toBeUndefined();
    expect(warningCodes(result)).toEqual(["unknown_source"]);
  });

  it("reads a combined LeadSource with its offer id (F01)", () => {
    const lead = parsedLead(F01);
    expect(lead).toMatchObject({
      source: "AppSource (SPZA)",
      action: "PLT",
      offer: { publisherId: "contoso", offerId: "contoso-crm-connector" },
      offerTitle: "Contoso CRM Connector",
      description: "We need SSO with our existing tenant, ~400 seats.",
      isTest: false,
    });
  });

  it("reads Microsoft's test lead with its lower-camel userDetails key (F03)", () => {
    const lead = parsedLead(F03_TEST_LEAD);
    expect(lead.isTest).toBe(true);
    expect(lead.customer).toEqual({
      firstName: "MSFT_TEST_636573304831318844",
      lastName: "MSFT_TEST_636573304831318844",
      email: "MSFT_TEST_636573304831318844@test.com",
      phone: "1234567890",
      country: "US",
      company: "MSFT_TEST_636573304831318844",
      title: "MSFT_TEST_636573304831318844",
    });
    expect(lead.offerTitle).toBe("Contoso Test");
  });

  it("drops empty strings (F05) and reads the Azure portal's Create", () => {
    const lead = parsedLead(F05);
    expect(lead.customer).toEqual({
      firstName: "Luis",
      lastName: "García",
      email: "lgarcia@tailspintoys.es",
      country: "ES",
      company: "Tailspin Toys",
    });
    expect(lead).toMatchObject({
      source: "AzurePortal",
      action: "Create",
      offer: { publisherId: "tailspin", offerId: "tailspin-vm-byol" },
    });
    expect(lead.description).toBeUndefined();
  });

  it("reads DNC (F06) and the CPP-era TestDrive source (F07) as known", () => {
    expect(parseHttpsPayload(F06, context)).toMatchObject({
      ok: true,
      warnings: [],
      lead: { action: "DNC" },
    });
    expect(parseHttpsPayload(F07, context)).toMatchObject({
      ok: true,
      warnings: [],
      lead: { source: "TestDrive", action: "StartTestDrive" },
    });
  });

  it("accepts a body with most fields missing (F10) or UserDetails null (F11)", () => {
    expect(parsedLead(F10)).toEqual({
      customer: { email: "ops@northwind.example" },
      source: "AzureMarketplace",
      action: "INS",
      receivedAt,
      isTest: false,
      isPrivacyRedacted: false,
      extraFields: {},
    });
    expect(parsedLead(F11)).toMatchObject({
      customer: {},
      source: "AzurePortal",
      action: "Create",
      offerTitle: "Fabrikam Managed App",
    });
  });

  it("keeps Unicode exactly (F12, F13)", () => {
    expect(parsedLead(F12)).toMatchObject({
      customer: {
        firstName: "Zoë",
        lastName: "Ødegård-Ñúñez",
        email: "zoe@exämple.no",
        company: "Åsgård AS 🚀",
      },
      offer: { publisherId: "asgard", offerId: "ÅsgårdSuite" },
      offerTitle: "山田ソリューション – Suite",
    });
    expect(parsedLead(F13)).toMatchObject({
      customer: { lastName: "山田", company: "株式会社コントソ" },
      description: "مرحبا – please call after 18:00 JST",
    });
  });

  it("accepts truncated and full GUID offer ids, and a pipe in the title (F14, F15)", () => {
    expect(parsedLead(F14).offer).toEqual({
      publisherId: "docusign",
      offerId: "3701c77e-1cfa-4c56-91e6-3ed0b622145",
    });
    expect(parsedLead(F15)).toMatchObject({
      offer: { publisherId: "docusign", offerId: "3701c77e-1cfa-4c56-91e6-3ed0b622145a" },
      offerTitle: "DocuSign | eSignature for Azure",
    });
  });

  it("matches keys without regard to case at every level (F16, F30)", () => {
    expect(parsedLead(F16)).toMatchObject({
      customer: {
        firstName: "Maya",
        lastName: "Cohen",
        email: "maya@proseware.com",
        company: "Proseware",
        country: "IL",
      },
      source: "AppSource (SPZA)",
      action: "INS",
      offerTitle: "Proseware for Word",
      description: '{"mktcmpid":"1234","partnerid":"98765"}',
      extraFields: {},
    });
    // Values trimmed; the action in Microsoft's spelling; the email keeps its case (the
    // de-duplication key lower-cases it).
    expect(parsedLead(F30)).toMatchObject({
      customer: {
        firstName: "Grace",
        lastName: "Hopper",
        email: "GRACE@Navy.Example",
        country: "us",
      },
      action: "INS",
      offerTitle: "COBOL Studio",
    });
  });

  it("trims a description down to what it says (F17)", () => {
    expect(parsedLead(F17).description).toBe("Campaigns:");
  });

  it("knows the free-trial code and keeps unknown properties (F18)", () => {
    const result = parseHttpsPayload(F18, context);
    expect(result).toMatchObject({
      ok: true,
      warnings: [],
      lead: {
        action: "FreeTrial",
        extraFields: { ReferralId: "c0ffee00-0000-4000-8000-000000000001" },
      },
    });
  });
});

describe("parseHttpsPayload: tolerance and warnings", () => {
  it("keeps an unknown action verbatim and says so", () => {
    const result = parseHttpsPayload({ ...F10, ActionCode: "SaaSTrial" }, context);
    expect(result.ok && result.lead.action).toBe("SaaSTrial");
    expect(result.ok && result.warnings).toEqual([
      {
        code: "unknown_action",
        path: "$.ActionCode",
        message: 'Unknown action code "SaaSTrial"; kept as sent',
      },
    ]);
  });

  it("prefers ActionCode when LeadSource holds another action, and reports it", () => {
    const result = parseHttpsPayload({ ...F01, ActionCode: "INS" }, context);
    expect(result.ok && result.lead.action).toBe("INS");
    expect(warningCodes(result)).toEqual(["action_mismatch"]);
  });

  it("keeps unknown fields inside UserDetails under extraFields.UserDetails", () => {
    const lead = parsedLead({
      UserDetails: { Email: "a@b.example", MiddleName: "Q", Address: { City: "Oslo" } },
      LeadSource: "AzureMarketplace",
    });
    expect(lead.extraFields).toEqual({
      UserDetails: { MiddleName: "Q", Address: { City: "Oslo" } },
    });
  });

  it("keeps a field named __proto__ as data", () => {
    const json = JSON.parse(
      '{"LeadSource":"AzureMarketplace","UserDetails":{"Email":"a@b.example"},"__proto__":{"polluted":true}}',
    ) as unknown;
    const lead = parsedLead(json);
    expect(Object.keys(lead.extraFields)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(lead.extraFields)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reads numbers as text and says so", () => {
    const result = parseHttpsPayload(
      { UserDetails: { Phone: 16175555555 }, LeadSource: "AzureMarketplace" },
      context,
    );
    expect(result.ok && result.lead.customer.phone).toBe("16175555555");
    expect(warningCodes(result)).toEqual(["value_coerced"]);
  });

  it("uses the exact key spelling when two keys differ only in case", () => {
    const result = parseHttpsPayload(
      {
        UserDetails: { email: "second@b.example", Email: "first@b.example" },
        LeadSource: "AzureMarketplace",
      },
      context,
    );
    expect(result.ok && result.lead.customer.email).toBe("first@b.example");
    expect(result.ok && result.warnings).toEqual([
      {
        code: "duplicate_field",
        path: "$.UserDetails.email",
        message: '"email" repeats field Email (already read from "Email"); this copy was ignored',
      },
    ]);
  });

  it("takes a non-empty duplicate over an empty exact key", () => {
    const lead = parsedLead({
      UserDetails: { Email: "", email: "x@b.example" },
      LeadSource: "AzureMarketplace",
    });
    expect(lead.customer.email).toBe("x@b.example");
  });
});

describe("parseHttpsPayload: errors", () => {
  it.each([
    [null, "Expected a JSON object with UserDetails and LeadSource, got null"],
    [[F01], "Expected a JSON object with UserDetails and LeadSource, got an array"],
    ["AzureMarketplace", "Expected a JSON object with UserDetails and LeadSource, got a string"],
  ])("refuses a body that is not an object: %j", (json, message) => {
    expect(parseHttpsPayload(json, context)).toEqual({
      ok: false,
      errors: [{ path: "$", message }],
    });
  });

  it("refuses a body with no lead information at all", () => {
    const message =
      "The body carries no lead: expected a LeadSource naming the source or offer, or at least one UserDetails field (FirstName, LastName, Email, Phone, Country, Company, Title)";
    expect(parseHttpsPayload({}, context)).toEqual({ ok: false, errors: [{ path: "$", message }] });
    expect(
      parseHttpsPayload(
        { UserDetails: { FirstName: " " }, ActionCode: "INS", OfferTitle: "X" },
        context,
      ),
    ).toEqual({
      ok: false,
      errors: [{ path: "$", message }],
    });
    expect(parseHttpsPayload({ LeadSource: "-|" }, context)).toEqual({
      ok: false,
      errors: [{ path: "$", message }],
    });
  });

  it("accepts a body with customer details and no LeadSource, or an offer id and nothing else", () => {
    expect(parseHttpsPayload({ UserDetails: { Email: "a@b.example" } }, context).ok).toBe(true);
    expect(parseHttpsPayload({ LeadSource: "-INS|contoso.app" }, context)).toMatchObject({
      ok: true,
      lead: { action: "INS", offer: { publisherId: "contoso", offerId: "app" } },
    });
  });

  it("points at every value of the wrong type", () => {
    expect(
      parseHttpsPayload(
        {
          UserDetails: { Email: ["a@b.example"], Company: { name: "X" } },
          LeadSource: "AzureMarketplace",
        },
        context,
      ),
    ).toEqual({
      ok: false,
      errors: [
        { path: "$.UserDetails.Email", message: "Expected text, got an array" },
        { path: "$.UserDetails.Company", message: "Expected text, got an object" },
      ],
    });
    expect(
      parseHttpsPayload({ UserDetails: "Some One", LeadSource: "AzureMarketplace" }, context),
    ).toEqual({
      ok: false,
      errors: [
        {
          path: "$.UserDetails",
          message: "Expected an object of customer details (or null), got a string",
        },
      ],
    });
  });

  it("reports the docs' invalid test-lead JSON (F04) instead of guessing", () => {
    const result = parseHttpsPayloadText(F04_RAW_BODY, context);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]?.path).toBe("$");
    expect(!result.ok && result.errors[0]?.message).toMatch(/^The body is not valid JSON: /);
  });

  it("parses a valid raw body", () => {
    expect(parseHttpsPayloadText(JSON.stringify(F03_TEST_LEAD), context)).toEqual(
      parseHttpsPayload(F03_TEST_LEAD, context),
    );
  });
});

describe("toHttpsPayload", () => {
  it("writes the marketplace's shape, every field present", () => {
    expect(toHttpsPayload(parsedLead(F10))).toEqual({
      UserDetails: {
        FirstName: "",
        LastName: "",
        Email: "ops@northwind.example",
        Phone: "",
        Country: "",
        Company: "",
        Title: "",
      },
      LeadSource: "AzureMarketplace",
      ActionCode: "INS",
      OfferTitle: "",
      Description: "",
    });
  });

  it("carries a known offer id in LeadSource, the only place the format has for it", () => {
    expect(toHttpsPayload(parsedLead(F01))).toMatchObject({
      LeadSource: "AppSource (SPZA)-PLT|contoso.contoso-crm-connector",
      ActionCode: "PLT",
      OfferTitle: "Contoso CRM Connector",
    });
  });

  it("never lets an extra field shadow a real one", () => {
    const lead = {
      ...parsedLead(F10),
      extraFields: { leadsource: "spoofed", UserDetails: { email: "spoofed" }, Other: 1 },
    };
    const payload = toHttpsPayload(lead);
    expect(payload).not.toHaveProperty("leadsource");
    expect(payload.UserDetails).not.toHaveProperty("email");
    expect(payload.Other).toBe(1);
  });
});

describe("HTTPS round trip", () => {
  it.each([
    ["docs example", HTTPS_DOC_EXAMPLE],
    ["CPP example", HTTPS_CPP_EXAMPLE],
    ["F01", F01],
    ["F03 test lead", F03_TEST_LEAD],
    ["F05", F05],
    ["F12", F12],
    ["F15", F15],
    ["F16 lower-camel keys", F16],
    ["F18", F18],
    ["F30 lowercase keys", F30],
  ])("format then parse gives the same lead: %s", (_name, payload) => {
    const lead = parsedLead(payload);
    expect(parsedLead(JSON.parse(JSON.stringify(toHttpsPayload(lead))))).toEqual(lead);
  });

  it("format then parse gives the same lead for any lead, through JSON", () => {
    const leads = leadArb({
      extraFields: extraFieldsArb(
        ["UserDetails", "LeadSource", "ActionCode", "OfferTitle", "Description"],
        {
          key: "UserDetails",
          reserved: MARKETPLACE_CUSTOMER_KEYS,
        },
      ),
    });
    fc.assert(
      fc.property(leads, (lead) => {
        const wire = JSON.parse(JSON.stringify(toHttpsPayload(lead))) as unknown;
        expect(parseHttpsPayload(wire, { receivedAt: lead.receivedAt })).toEqual({
          ok: true,
          lead,
          warnings: expect.any(Array) as unknown,
        });
      }),
      { numRuns: 300 },
    );
  });

  it("parses any JSON object without throwing, into a lead the schema accepts and the format repeats", () => {
    const bodies = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record(
        {
          UserDetails: fc.oneof(
            fc.constant(null),
            fc.dictionary(
              fc.constantFrom("FirstName", "email", "PHONE", "Country", "x"),
              fc.jsonValue({ maxDepth: 1 }),
            ),
          ),
          LeadSource: fc.oneof(
            fc.string(),
            fc.constantFrom("AzureMarketplace-INS|a.b", "x|y|z", "-|", "|"),
          ),
          actioncode: fc.oneof(fc.string(), fc.constantFrom("ins", "DNC", "Saas-Trial")),
          OfferTitle: fc.jsonValue({ maxDepth: 1 }),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(bodies, (body) => {
        const result = parseHttpsPayload(body, context);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          return;
        }
        expect(leadSchema.parse(result.lead)).toEqual(result.lead);
        expect(parsedLead(toHttpsPayload(result.lead))).toEqual(result.lead);
      }),
      { numRuns: 300 },
    );
  });
});
