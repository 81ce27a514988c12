import fc from "fast-check";
import { describe, expect, it } from "vitest";

import type { Lead } from "../lead";
import { leadSchema } from "../lead-schema";
import { leadArb, tableExtraFieldsArb } from "../test/arbitraries";
import { F20_TABLE_TEST_LEAD, F21_TABLE_VARIANT } from "../test/reference-payloads";
import { parseAzureTableEntity, toAzureTableEntity } from "./azure-table";

const context = { receivedAt: new Date("2030-01-01T00:00:00.000Z") };
const keys = { partitionKey: "2024-05-01", rowKey: "lead_01" };
const COLUMNS = [
  "PartitionKey",
  "RowKey",
  "Timestamp",
  "ActionCode",
  "CreatedTime",
  "CustomerInfo",
  "Description",
  "LeadSource",
  "OfferDisplayName",
  "OfferTitle",
];

function parsedLead(entity: unknown): Lead {
  const result = parseAzureTableEntity(entity, context);
  if (!result.ok) throw new Error(`expected a lead, got ${JSON.stringify(result.errors)}`);
  return result.lead;
}

describe("parseAzureTableEntity", () => {
  it("flattens a real row's CustomerInfo string and reads its .NET CreatedTime as UTC (F20)", () => {
    expect(parseAzureTableEntity(F20_TABLE_TEST_LEAD, context)).toEqual({
      ok: true,
      warnings: [],
      lead: {
        customer: {
          firstName: "MSFT_TEST_636737558587117715",
          lastName: "MSFT_TEST_636737558587117715",
          email: "MSFT_TEST_636737558587117715@test.com",
          phone: "1234567890",
          country: "US",
          company: "MSFT_TEST_636737558587117715",
          title: "MSFT_TEST_636737558587117715",
        },
        source: "AzureMarketplace",
        action: "INS",
        offerTitle: "Contoso Test",
        description: "MSFT_TEST_636737558587117715",
        receivedAt: new Date("2018-10-03T17:04:18.000Z"),
        isTest: true,
        isPrivacyRedacted: false,
        extraFields: {},
      },
    });
  });

  it("takes OfferTitle for OfferDisplayName, survives broken CustomerInfo, keeps unknown columns (F21)", () => {
    const result = parseAzureTableEntity(F21_TABLE_VARIANT, context);
    expect(result).toMatchObject({
      ok: true,
      lead: {
        customer: {},
        source: "AppSource (SPZA)",
        action: "PLT",
        offer: { publisherId: "contoso", offerId: "contoso-crm-connector" },
        offerTitle: "Contoso CRM Connector",
        receivedAt: new Date("2024-06-11T08:15:02Z"),
        extraFields: { ExtraColumnFromFuture: "x" },
      },
    });
    expect(result.ok && result.lead.description).toBeUndefined();
    expect(result.ok && result.warnings.map((warning) => [warning.code, warning.path])).toEqual([
      ["customer_info_invalid", "$.CustomerInfo"],
    ]);
  });

  it("reads the camelCase entities of @azure/data-tables and drops storage metadata", () => {
    const lead = parsedLead({
      partitionKey: "p",
      rowKey: "r",
      timestamp: "2024-01-02T03:04:05.678Z",
      etag: "W/\"datetime'2024-01-02T03%3A04%3A05.678Z'\"",
      "odata.etag": "x",
      "Timestamp@odata.type": "Edm.DateTime",
      actionCode: "Create",
      customerInfo: '{"email":"a@b.example"}',
      leadSource: "AzurePortal",
    });
    expect(lead).toEqual({
      customer: { email: "a@b.example" },
      source: "AzurePortal",
      action: "Create",
      receivedAt: new Date("2024-01-02T03:04:05.678Z"),
      isTest: false,
      isPrivacyRedacted: false,
      extraFields: {},
    });
  });

  it("falls back from CreatedTime to Timestamp to the receive time", () => {
    const base = { LeadSource: "AzureMarketplace" };
    expect(
      parsedLead({
        ...base,
        CreatedTime: "2024-02-29T12:00:00Z",
        Timestamp: "2024-03-01T00:00:00Z",
      }).receivedAt,
    ).toEqual(new Date("2024-02-29T12:00:00Z"));
    expect(parsedLead({ ...base, Timestamp: new Date("2024-03-01T00:00:00Z") }).receivedAt).toEqual(
      new Date("2024-03-01T00:00:00Z"),
    );
    expect(parsedLead(base).receivedAt).toEqual(context.receivedAt);
    expect(parsedLead({ ...base, CreatedTime: "12/31/2023 11:59:59 PM" }).receivedAt).toEqual(
      new Date("2023-12-31T23:59:59Z"),
    );
    expect(parsedLead({ ...base, CreatedTime: "1/2/2024 12:00:00 AM" }).receivedAt).toEqual(
      new Date("2024-01-02T00:00:00Z"),
    );
  });

  it("reports a CreatedTime it cannot read", () => {
    const result = parseAzureTableEntity(
      { LeadSource: "AzureMarketplace", CreatedTime: "2/30/2024 1:00:00 PM" },
      context,
    );
    expect(result.ok && result.lead.receivedAt).toEqual(context.receivedAt);
    expect(result.ok && result.warnings.map((warning) => warning.code)).toEqual([
      "created_time_invalid",
    ]);
  });

  it("reports differing OfferDisplayName and OfferTitle, using OfferDisplayName", () => {
    const result = parseAzureTableEntity(
      { LeadSource: "AzureMarketplace", OfferDisplayName: "A", OfferTitle: "B" },
      context,
    );
    expect(result.ok && result.lead.offerTitle).toBe("A");
    expect(result.ok && result.warnings.map((warning) => warning.code)).toEqual([
      "offer_title_mismatch",
    ]);
  });

  it("accepts CustomerInfo already expanded into an object", () => {
    expect(
      parsedLead({ CustomerInfo: { FirstName: "Ann", Email: "ann@b.example" } }).customer,
    ).toEqual({
      firstName: "Ann",
      email: "ann@b.example",
    });
  });

  it("refuses what is not a row, or a row with no lead in it", () => {
    expect(parseAzureTableEntity("row", context)).toEqual({
      ok: false,
      errors: [
        { path: "$", message: "Expected a table entity (an object of columns), got a string" },
      ],
    });
    expect(
      parseAzureTableEntity(
        { PartitionKey: "p", RowKey: "r", CustomerInfo: "{}", ActionCode: "INS" },
        context,
      ),
    ).toEqual({
      ok: false,
      errors: [
        {
          path: "$",
          message:
            "The row carries no lead: expected a LeadSource naming the source or offer, or customer details in CustomerInfo",
        },
      ],
    });
  });
});

describe("toAzureTableEntity", () => {
  it("writes the real rows' columns, CustomerInfo as one JSON string", () => {
    const entity = toAzureTableEntity(parsedLead(F21_TABLE_VARIANT), keys);
    expect(entity).toEqual({
      PartitionKey: "2024-05-01",
      RowKey: "lead_01",
      ActionCode: "PLT",
      CreatedTime: "2024-06-11T08:15:02.000Z",
      CustomerInfo:
        '{"FirstName":"","LastName":"","Email":"","Phone":"","Country":"","Company":"","Title":""}',
      Description: "",
      LeadSource: "AppSource (SPZA)-PLT|contoso.contoso-crm-connector",
      OfferDisplayName: "Contoso CRM Connector",
      ExtraColumnFromFuture: "x",
    });
    expect(entity).not.toHaveProperty("Timestamp");
  });

  it("stores structured extras as JSON text and leaves out names the service would refuse", () => {
    const lead = {
      ...parsedLead(F20_TABLE_TEST_LEAD),
      extraFields: { Campaign: { id: 7 }, "Referral Id": "r", Gone: null, Count: 3 },
    };
    const entity = toAzureTableEntity(lead, keys);
    expect(entity.Campaign).toBe('{"id":7}');
    expect(entity.Count).toBe(3);
    expect(entity).not.toHaveProperty("Referral Id");
    expect(entity).not.toHaveProperty("Gone");
  });
});

describe("Azure Table round trip", () => {
  it.each([
    ["F20 test lead", F20_TABLE_TEST_LEAD],
    ["F21 variant columns", F21_TABLE_VARIANT],
  ])("format then parse gives the same lead: %s", (_name, entity) => {
    const lead = parsedLead(entity);
    expect(parsedLead(toAzureTableEntity(lead, keys))).toEqual(lead);
  });

  it("format then parse gives the same lead for any lead", () => {
    fc.assert(
      fc.property(leadArb({ extraFields: tableExtraFieldsArb(COLUMNS) }), (lead) => {
        expect(parseAzureTableEntity(toAzureTableEntity(lead, keys), context)).toEqual({
          ok: true,
          lead,
          warnings: expect.any(Array) as unknown,
        });
      }),
      { numRuns: 300 },
    );
  });

  it("parses any row without throwing, into a lead the schema accepts and the format repeats", () => {
    const columnName = fc.constantFrom(
      ...COLUMNS,
      "leadsource",
      "customerinfo",
      "offerdisplayname",
      "timestamp",
      "etag",
      "Extra_1",
    );
    const cellValue = fc.oneof(
      fc.string(),
      fc.constantFrom(
        "AzureMarketplace-INS|a.b",
        "10/3/2018 5:04:18 PM",
        '{"Email":"a@b.example"}',
        "{",
        "[]",
      ),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.date({ noInvalidDate: true }),
    );
    fc.assert(
      fc.property(fc.dictionary(columnName, cellValue, { noNullPrototype: true }), (entity) => {
        const result = parseAzureTableEntity(entity, context);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          return;
        }
        expect(leadSchema.parse(result.lead)).toEqual(result.lead);
        expect(parsedLead(toAzureTableEntity(result.lead, keys))).toEqual(result.lead);
      }),
      { numRuns: 300 },
    );
  });
});
