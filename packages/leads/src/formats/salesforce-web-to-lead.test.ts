import fc from "fast-check";
import { describe, expect, it } from "vitest";

import type { Lead } from "../lead";
import { leadSchema } from "../lead-schema";
import { makeTestLead } from "../test-lead";
import { leadArb } from "../test/arbitraries";
import { F22_SALESFORCE_TEST_LEAD, F23_SALESFORCE } from "../test/reference-payloads";
import {
  parseSalesforceWebToLead,
  salesforceFieldMappingSchema,
  toSalesforceWebToLead,
  type SalesforceFieldMapping,
  type SalesforceWebToLeadFields,
} from "./salesforce-web-to-lead";

const receivedAt = new Date("2024-05-01T09:00:00.000Z");
const oid = "00Do0000000ZHog";

/** application/x-www-form-urlencoded, as the POST to Salesforce carries the fields. */
function encodeForm(fields: SalesforceWebToLeadFields): string {
  return Object.entries(fields)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join("&");
}

function decodeForm(body: string): [string, string][] {
  return body.split("&").map((pair) => {
    const [name = "", value = ""] = pair
      .split("=")
      .map((part) => decodeURIComponent(part.replaceAll("+", " ")));
    return [name, value];
  });
}

function parsedLead(
  fields: SalesforceWebToLeadFields | [string, string][],
  fieldMapping?: SalesforceFieldMapping,
): Lead {
  const result = parseSalesforceWebToLead(fields, { receivedAt, fieldMapping });
  if (!result.ok) throw new Error(`expected a lead, got ${JSON.stringify(result.errors)}`);
  return result.lead;
}

describe("parseSalesforceWebToLead", () => {
  it("reads Microsoft's documented test submission, repeated encoding included (F22)", () => {
    expect(parseSalesforceWebToLead(F22_SALESFORCE_TEST_LEAD, { receivedAt })).toEqual({
      ok: true,
      lead: {
        customer: {
          firstName: "MSFT_TEST_636573304831318844",
          lastName: "MSFT_TEST_636573304831318844",
          email: "MSFT_TEST_636573304831318844@test.com",
          phone: "1234567890",
          country: "US",
          company: "MSFT_TEST_636573304831318844",
          title: "MSFT_TEST_636573304831318844",
        },
        source: "MSFT_TEST_636573304831318844",
        action: "MSFT_TEST_636573304831318844",
        offerTitle: "<Offer Name>",
        description: "MSFT_TEST_636573304831318844",
        receivedAt,
        isTest: true,
        isPrivacyRedacted: false,
        extraFields: {},
      },
      warnings: [
        {
          code: "unknown_source",
          path: "$.lead_source",
          message: 'Unknown lead source "MSFT_TEST_636573304831318844"; kept as sent',
        },
        {
          code: "unknown_action",
          path: "$.lead_source",
          message: 'Unknown action code "MSFT_TEST_636573304831318844"; kept as sent',
        },
      ],
    });
  });

  it("reads a real-looking post from a record (F23)", () => {
    expect(parsedLead(Object.fromEntries(F23_SALESFORCE))).toEqual({
      customer: {
        firstName: "Jonas",
        lastName: "Becker",
        email: "jonas.becker@contoso.de",
        company: "Contoso GmbH",
        country: "DE",
      },
      source: "AzureMarketplace",
      action: "INS",
      offer: { publisherId: "contoso", offerId: "contoso-erp" },
      receivedAt,
      isTest: false,
      isPrivacyRedacted: false,
      extraFields: {},
    });
  });

  it("keeps unknown fields and ignores the control fields", () => {
    const lead = parsedLead({
      last_name: "Lee",
      oid,
      retURL: "https://x.example",
      "00N5g00000ABCDE": "campaign 7",
    });
    expect(lead.extraFields).toEqual({ "00N5g00000ABCDE": "campaign 7" });
  });

  it("reports a repeated field with a different value, and an encoding other than UTF-8", () => {
    const result = parseSalesforceWebToLead(
      [
        ["email", "a@b.example"],
        ["email", "c@d.example"],
        ["encoding", "ISO-8859-1"],
      ],
      { receivedAt },
    );
    expect(result.ok && result.lead.customer.email).toBe("a@b.example");
    expect(result.ok && result.warnings.map((warning) => warning.code)).toEqual([
      "duplicate_field",
      "unexpected_encoding",
    ]);
  });

  it("refuses a post with no lead in it", () => {
    expect(
      parseSalesforceWebToLead({ oid, encoding: "UTF-8", description: "hello" }, { receivedAt }),
    ).toEqual({
      ok: false,
      errors: [
        {
          path: "$",
          message:
            "The form carries no lead: expected a lead_source naming the source or offer, or at least one of first_name, last_name, email, phone, country, company, title",
        },
      ],
    });
  });

  it("reads custom fields through the tenant's mapping", () => {
    const mapping = {
      offerTitle: "Offer_Title__c",
      receivedAt: "Received__c",
      country: "country_code",
    };
    const lead = parsedLead(
      {
        last_name: "Lee",
        country_code: "NO",
        Offer_Title__c: "Contoso CRM",
        Received__c: "2024-02-03T04:05:06.007Z",
        country: "ignored",
      },
      mapping,
    );
    expect(lead).toMatchObject({
      customer: { lastName: "Lee", country: "NO" },
      offerTitle: "Contoso CRM",
      receivedAt: new Date("2024-02-03T04:05:06.007Z"),
      extraFields: { country: "ignored" },
    });
  });
  it("falls back to the receive time when a mapped time is not ISO 8601", () => {
    const result = parseSalesforceWebToLead(
      { last_name: "Lee", Received__c: "1" },
      { receivedAt, fieldMapping: { receivedAt: "Received__c" } },
    );
    expect(result.ok && result.lead.receivedAt).toEqual(receivedAt);
    expect(result.ok && result.warnings).toEqual([
      {
        code: "ignored_value",
        path: "$.Received__c",
        message: '"1" is not an ISO 8601 date; the receive time was used',
      },
    ]);
  });
});

describe("toSalesforceWebToLead", () => {
  it("writes the standard Web-to-Lead fields with oid and UTF-8, leaving out empty ones", () => {
    expect(
      toSalesforceWebToLead(parsedLead(F23_SALESFORCE), { oid: "00D5g000004XyZaEAK" }),
    ).toEqual({
      oid: "00D5g000004XyZaEAK",
      encoding: "UTF-8",
      first_name: "Jonas",
      last_name: "Becker",
      email: "jonas.becker@contoso.de",
      company: "Contoso GmbH",
      country: "DE",
      lead_source: "AzureMarketplace-INS|contoso.contoso-erp",
    });
  });

  it("puts the offer title in lead_source when no offer id is known, as the test lead does", () => {
    const testLead = makeTestLead(
      { offerTitle: "Contoso Test" },
      new Date("2018-03-22T15:48:03.131Z"),
    );
    expect(toSalesforceWebToLead(testLead, { oid }).lead_source).toBe(
      "AzureMarketplace-INS|Contoso Test",
    );
  });

  it("sends title and receive time to mapped custom fields", () => {
    const lead = { ...parsedLead(F23_SALESFORCE), offerTitle: "Contoso ERP" };
    expect(
      toSalesforceWebToLead(lead, {
        oid,
        fieldMapping: { offerTitle: "00N1", receivedAt: "00N2" },
      }),
    ).toMatchObject({
      lead_source: "AzureMarketplace-INS|contoso.contoso-erp",
      "00N1": "Contoso ERP",
      "00N2": "2024-05-01T09:00:00.000Z",
    });
  });
});

describe("salesforceFieldMappingSchema", () => {
  it("accepts custom names and refuses clashes and control fields", () => {
    expect(salesforceFieldMappingSchema.safeParse({ offerTitle: "Offer__c" }).success).toBe(true);
    expect(salesforceFieldMappingSchema.safeParse({ offerTitle: "email" }).success).toBe(false);
    expect(salesforceFieldMappingSchema.safeParse({ description: "oid" }).success).toBe(false);
    expect(salesforceFieldMappingSchema.safeParse({ description: " " }).success).toBe(false);
    expect(salesforceFieldMappingSchema.safeParse({ unknown: "x" }).success).toBe(false);
  });
});

describe("Salesforce Web-to-Lead round trip", () => {
  it.each([
    ["F22 test lead", F22_SALESFORCE_TEST_LEAD],
    ["F23", F23_SALESFORCE],
  ])("format then parse gives the same lead: %s", (_name, fields) => {
    const lead = parsedLead(fields);
    expect(parsedLead(toSalesforceWebToLead(lead, { oid }))).toEqual(lead);
  });

  it("format then parse gives the same lead for any lead the form can carry", () => {
    // One lead_source slot: the offer id, else the title.
    fc.assert(
      fc.property(leadArb({ titleInOfferSlot: "only-without-offer-id" }), (lead) => {
        const fields = toSalesforceWebToLead(lead, { oid });
        expect(parseSalesforceWebToLead(fields, { receivedAt: lead.receivedAt })).toEqual({
          ok: true,
          lead,
          warnings: expect.any(Array) as unknown,
        });
      }),
      { numRuns: 300 },
    );
  });

  it("carries title and time as well, through a mapping and a URL-encoded body", () => {
    const fieldMapping = { offerTitle: "Offer_Title__c", receivedAt: "Received__c" };
    fc.assert(
      fc.property(leadArb({ titleInOfferSlot: "also-in-own-field" }), (lead) => {
        const body = encodeForm(toSalesforceWebToLead(lead, { oid, fieldMapping }));
        const result = parseSalesforceWebToLead(decodeForm(body), { receivedAt, fieldMapping });
        expect(result).toEqual({ ok: true, lead, warnings: expect.any(Array) as unknown });
      }),
      { numRuns: 300 },
    );
  });

  it("parses any form without throwing, into a lead the schema accepts and the form repeats", () => {
    const fieldName = fc.constantFrom(
      "first_name",
      "LAST_NAME",
      "email",
      "company",
      "lead_source",
      "Lead_Source",
      "description",
      "oid",
      "encoding",
      "x",
    );
    const fieldValue = fc.oneof(
      fc.string(),
      fc.constantFrom(
        "AzureMarketplace-INS|a.b",
        "a-b-c|x",
        "-|",
        "|",
        "MSFT_TEST_1-MSFT_TEST_1|<Offer Name>",
        "UTF-8",
      ),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fieldName, fieldValue), { maxLength: 8 }), (fields) => {
        const result = parseSalesforceWebToLead(fields, { receivedAt });
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          return;
        }
        expect(leadSchema.parse(result.lead)).toEqual(result.lead);
        // Extra fields stay in Leadrelay: Web-to-Lead is not sent them.
        expect(parsedLead(toSalesforceWebToLead(result.lead, { oid }))).toEqual({
          ...result.lead,
          extraFields: {},
        });
      }),
      { numRuns: 300 },
    );
  });
});
