import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { formatLeadSource, parseLeadSource, type LeadSourceParts } from "./lead-source";
import { formatOfferId, looksLikeOfferId, parseOfferId } from "./offer";
import { actionArb, canonicalText, offerIdArb, sourceArb } from "./test/arbitraries";

describe("parseLeadSource", () => {
  it.each([
    [
      "AzureMarketplace-INS|checkpoint.check-point-r77-10sg-byol",
      {
        source: "AzureMarketplace",
        action: "INS",
        offer: { publisherId: "checkpoint", offerId: "check-point-r77-10sg-byol" },
      },
    ],
    [
      "AppSource (SPZA)-PLT|contoso.contoso-crm-connector",
      {
        source: "AppSource (SPZA)",
        action: "PLT",
        offer: { publisherId: "contoso", offerId: "contoso-crm-connector" },
      },
    ],
    [
      "AzurePortal-Create|bitnami.openedxcypress",
      {
        source: "AzurePortal",
        action: "Create",
        offer: { publisherId: "bitnami", offerId: "openedxcypress" },
      },
    ],
    [
      "AzureMarketplace-INS|docusign.3701c77e-1cfa-4c56-91e6-3ed0b622145",
      {
        source: "AzureMarketplace",
        action: "INS",
        offer: { publisherId: "docusign", offerId: "3701c77e-1cfa-4c56-91e6-3ed0b622145" },
      },
    ],
    [
      "TestDrive-StartTestDrive|adatum.adatum-sql-accelerator",
      {
        source: "TestDrive",
        action: "StartTestDrive",
        offer: { publisherId: "adatum", offerId: "adatum-sql-accelerator" },
      },
    ],
  ])("splits %s into source, action and offer id", (text, expected) => {
    expect(parseLeadSource(text)).toEqual(expected);
  });

  it("reads the test lead's placeholder form, whose offer part is a name", () => {
    expect(
      parseLeadSource("MSFT_TEST_636573304831318844-MSFT_TEST_636573304831318844|<Offer Name>"),
    ).toEqual({
      source: "MSFT_TEST_636573304831318844",
      action: "MSFT_TEST_636573304831318844",
      offerTitle: "<Offer Name>",
    });
  });

  it("reads a bare source, as the HTTPS and table formats send it", () => {
    expect(parseLeadSource("AzureMarketplace")).toEqual({ source: "AzureMarketplace" });
    expect(parseLeadSource("AppSource (SPZA)")).toEqual({ source: "AppSource (SPZA)" });
  });

  it("keeps free text whole as an unknown source", () => {
    expect(parseLeadSource("Test run through MS Flow")).toEqual({
      source: "Test run through MS Flow",
    });
    expect(parseLeadSource("Some-Partner Portal")).toEqual({ source: "Some-Partner Portal" });
  });

  it("reads Source-Action without an offer when the action is known or given", () => {
    expect(parseLeadSource("AzureMarketplace-INS")).toEqual({
      source: "AzureMarketplace",
      action: "INS",
    });
    expect(parseLeadSource("AzureMarketplace-Renew", { actionCode: "Renew" })).toEqual({
      source: "AzureMarketplace",
      action: "Renew",
    });
  });

  it("uses the ActionCode field to split an action that contains a hyphen", () => {
    expect(
      parseLeadSource("AzureMarketplace-Saas-Trial|contoso.app", { actionCode: "Saas-Trial" }),
    ).toEqual({
      source: "AzureMarketplace",
      action: "Saas-Trial",
      offer: { publisherId: "contoso", offerId: "app" },
    });
  });

  it("matches known codes without regard to case and stores Microsoft's spelling", () => {
    expect(parseLeadSource("azuremarketplace-ins|contoso.app")).toEqual({
      source: "AzureMarketplace",
      action: "INS",
      offer: { publisherId: "contoso", offerId: "app" },
    });
  });

  it("keeps an offer name that contains a pipe whole (split at the first pipe)", () => {
    expect(parseLeadSource("AzureMarketplace-INS|DocuSign | eSignature for Azure")).toEqual({
      source: "AzureMarketplace",
      action: "INS",
      offerTitle: "DocuSign | eSignature for Azure",
    });
  });

  it("returns nothing for empty text", () => {
    expect(parseLeadSource("   ")).toEqual({});
  });
});

describe("formatLeadSource", () => {
  it("writes Source-Action|publisher.offer", () => {
    expect(
      formatLeadSource({
        source: "AzureMarketplace",
        action: "INS",
        offer: { publisherId: "contoso", offerId: "app" },
      }),
    ).toBe("AzureMarketplace-INS|contoso.app");
  });

  it("writes the offer title when no offer id is known", () => {
    expect(
      formatLeadSource({ source: "AppSource (SPZA)", action: "PLT", offerTitle: "Contoso CRM" }),
    ).toBe("AppSource (SPZA)-PLT|Contoso CRM");
  });

  it("writes the bare source when there is nothing else", () => {
    expect(formatLeadSource({ source: "AzurePortal" })).toBe("AzurePortal");
    expect(formatLeadSource({})).toBeUndefined();
  });

  it("keeps every separator when parts are missing", () => {
    expect(
      formatLeadSource({ action: "INS", offer: { publisherId: "contoso", offerId: "app" } }),
    ).toBe("-INS|contoso.app");
    expect(formatLeadSource({ source: "AzureMarketplace", action: "INS" })).toBe(
      "AzureMarketplace-INS|",
    );
  });

  it("is undone by parseLeadSource for any parts the format can carry", () => {
    const partsArb: fc.Arbitrary<LeadSourceParts> = fc
      .record(
        {
          source: sourceArb,
          action: actionArb,
          offer: offerIdArb,
          offerTitle: canonicalText.filter((title) => !looksLikeOfferId(title)),
        },
        { requiredKeys: [] },
      )
      .map(({ offer, offerTitle, ...rest }) =>
        offer ? { ...rest, offer } : offerTitle ? { ...rest, offerTitle } : rest,
      );
    fc.assert(
      fc.property(partsArb, (parts) => {
        const text = formatLeadSource(parts);
        expect(text === undefined ? {} : parseLeadSource(text)).toEqual(parts);
      }),
    );
  });
});

describe("offer ids", () => {
  it("splits at the first dot, so offer ids may hold dots and GUIDs", () => {
    expect(parseOfferId("docusign.3701c77e-1cfa-4c56-91e6-3ed0b622145a")).toEqual({
      publisherId: "docusign",
      offerId: "3701c77e-1cfa-4c56-91e6-3ed0b622145a",
    });
    expect(parseOfferId("contoso.app.v2")).toEqual({ publisherId: "contoso", offerId: "app.v2" });
  });

  it("refuses titles", () => {
    expect(parseOfferId("Contoso Test")).toBeUndefined();
    expect(parseOfferId("<Offer Name>")).toBeUndefined();
    expect(parseOfferId("contoso.")).toBeUndefined();
    expect(parseOfferId(".app")).toBeUndefined();
  });

  it("formats what it parses", () => {
    fc.assert(
      fc.property(offerIdArb, (offer) => {
        expect(parseOfferId(formatOfferId(offer))).toEqual(offer);
      }),
    );
  });
});
