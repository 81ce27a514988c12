import { describe, expect, it } from "vitest";

import type { Lead } from "../lead";
import { makeTestLead } from "../test-lead";
import { F27_INPUT, F01 } from "../test/reference-payloads";
import {
  DATAVERSE_LEAD_SOURCE_WEB,
  DYNAMICS_LEAD_MAX_LENGTHS,
  toDynamicsLead,
  truncate,
} from "./dynamics";
import { parseHttpsPayload } from "./https";
import { MARKETO_FORM_FIELDS, toMarketoFormFields } from "./marketo";

function parsedLead(json: unknown): Lead {
  const result = parseHttpsPayload(json, { receivedAt: new Date("2024-05-01T09:00:00Z") });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.lead;
}

describe("toMarketoFormFields", () => {
  it("submits exactly the documented form fields", () => {
    expect(toMarketoFormFields(parsedLead(F27_INPUT))).toEqual({
      FirstName: "Aisha",
      LastName: "Bello",
      Email: "aisha@woodgrove.example",
      Phone: "+234 1 234 5678",
      Country: "NG",
      Company: "Woodgrove Bank",
      Title: "CISO",
      LeadSource: "AzureMarketplace-INS|woodgrove.secure-vm",
    });
  });

  it("leaves out empty values and sends the description only to a named field", () => {
    const lead = parsedLead({
      UserDetails: { Email: "a@b.example" },
      LeadSource: "AzurePortal",
      Description: "Call after 5",
    });
    expect(toMarketoFormFields(lead)).toEqual({ Email: "a@b.example", LeadSource: "AzurePortal" });
    expect(toMarketoFormFields(lead, { descriptionField: "Comments__c" })).toEqual({
      Email: "a@b.example",
      LeadSource: "AzurePortal",
      Comments__c: "Call after 5",
    });
  });

  it("uses only names from its published list, besides the description field", () => {
    const names = Object.keys(
      toMarketoFormFields(makeTestLead({ offerTitle: "Contoso Test" }, new Date())),
    );
    expect(names).toEqual(Object.values(MARKETO_FORM_FIELDS));
  });
});

describe("toDynamicsLead", () => {
  it("maps to standard lead attributes (F27)", () => {
    expect(toDynamicsLead(parsedLead(F27_INPUT))).toEqual({
      subject: "Woodgrove Secure VM",
      firstname: "Aisha",
      lastname: "Bello",
      emailaddress1: "aisha@woodgrove.example",
      telephone1: "+234 1 234 5678",
      address1_country: "NG",
      companyname: "Woodgrove Bank",
      jobtitle: "CISO",
      description: "AzureMarketplace-INS|woodgrove.secure-vm",
      leadsourcecode: DATAVERSE_LEAD_SOURCE_WEB,
    });
  });

  it("puts the customer's description before the marketplace line", () => {
    expect(toDynamicsLead(parsedLead(F01)).description).toBe(
      "We need SSO with our existing tenant, ~400 seats.\n\nAppSource (SPZA)-PLT|contoso.contoso-crm-connector",
    );
  });

  it("names the subject after the offer id, or generically, without a title", () => {
    const lead = parsedLead({
      UserDetails: { LastName: "Lee" },
      LeadSource: "AzureMarketplace-INS|contoso.app",
    });
    expect(toDynamicsLead(lead).subject).toBe("contoso.app");
    expect(toDynamicsLead(parsedLead({ UserDetails: { LastName: "Lee" } }))).toEqual({
      subject: "Marketplace lead",
      lastname: "Lee",
      leadsourcecode: 8,
    });
  });

  it("lets the tenant choose or omit leadsourcecode", () => {
    const lead = parsedLead(F27_INPUT);
    expect(toDynamicsLead(lead, { leadSourceCode: 10 }).leadsourcecode).toBe(10);
    expect(toDynamicsLead(lead, { leadSourceCode: null })).not.toHaveProperty("leadsourcecode");
  });

  it("fits every value into its column", () => {
    const long = "é".repeat(3000);
    const lead = parsedLead({
      UserDetails: {
        FirstName: long,
        LastName: long,
        Email: long,
        Phone: long,
        Country: long,
        Company: long,
        Title: long,
      },
      OfferTitle: long,
      Description: long,
      LeadSource: "AzureMarketplace",
    });
    const record = toDynamicsLead(lead) as unknown as Record<string, string | number>;
    for (const [attribute, max] of Object.entries(DYNAMICS_LEAD_MAX_LENGTHS)) {
      const value = record[attribute];
      expect(typeof value === "string" && value.length <= max && value.endsWith("…")).toBe(true);
    }
  });

  it("never cuts a surrogate pair in half", () => {
    expect(truncate("ab😀cd", 4)).toBe("ab…");
    expect(truncate("abc😀", 5)).toBe("abc😀");
    expect(truncate("short", 10)).toBe("short");
  });
});
