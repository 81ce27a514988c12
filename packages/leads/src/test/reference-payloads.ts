/**
 * Example payloads from shared/marketplace-leads-reference.md (§1.5 and §6), copied
 * verbatim, ids kept so a test names the fixture it uses. Documented samples are [DOC];
 * the others are the reference's own fixtures built on the documented shapes.
 */

/** §1.5 [DOC] HTTPS-22 example body. */
export const HTTPS_DOC_EXAMPLE = {
  UserDetails: {
    FirstName: "Some",
    LastName: "One",
    Email: "someone@contoso.com",
    Phone: "16175555555",
    Country: "USA",
    Company: "Contoso",
    Title: "Esquire",
  },
  LeadSource: "AzureMarketplace",
  ActionCode: "INS",
  OfferTitle: "Test Microsoft",
  Description: "Test run through Power Automate",
};

/** §1.5 [DOC] CPP-HTTPS: same user details, free-text LeadSource, no ActionCode or Description. */
export const HTTPS_CPP_EXAMPLE = {
  UserDetails: HTTPS_DOC_EXAMPLE.UserDetails,
  LeadSource: "Test run through MS Flow",
};

/** F01 AppSource Contact me, combined LeadSource. */
export const F01 = {
  UserDetails: {
    FirstName: "Priya",
    LastName: "Raman",
    Email: "priya.raman@fabrikam.com",
    Phone: "+44 20 7946 0958",
    Country: "GB",
    Company: "Fabrikam Ltd",
    Title: "Head of IT",
  },
  LeadSource: "AppSource (SPZA)-PLT|contoso.contoso-crm-connector",
  ActionCode: "PLT",
  OfferTitle: "Contoso CRM Connector",
  Description: "We need SSO with our existing tenant, ~400 seats.",
};

/** F03 [DOC] FAQ test lead, comma fixed; lower-camel `userDetails` as printed. */
export const F03_TEST_LEAD = {
  userDetails: {
    FirstName: "MSFT_TEST_636573304831318844",
    LastName: "MSFT_TEST_636573304831318844",
    Email: "MSFT_TEST_636573304831318844@test.com",
    Phone: "1234567890",
    Country: "US",
    Company: "MSFT_TEST_636573304831318844",
    Title: "MSFT_TEST_636573304831318844",
  },
  LeadSource: "AzureMarketplace",
  ActionCode: "INS",
  OfferTitle: "Contoso Test",
  Description: "MSFT_TEST_636573304831318844",
};

/** F04 [DOC-BUG] the FAQ test lead as printed: no comma after "Contoso Test". */
export const F04_RAW_BODY =
  '{\n    "userDetails": {\n      "FirstName": "MSFT_TEST_636573304831318844",\n      "Email": "MSFT_TEST_636573304831318844@test.com"\n    },\n    "LeadSource": "AzureMarketplace",\n    "ActionCode": "INS",\n    "OfferTitle": "Contoso Test"\n    "Description": "MSFT_TEST_636573304831318844"\n}';

/** F05 Azure portal Create, combined LeadSource, empty Phone and Title. */
export const F05 = {
  UserDetails: {
    FirstName: "Luis",
    LastName: "García",
    Email: "lgarcia@tailspintoys.es",
    Phone: "",
    Country: "ES",
    Company: "Tailspin Toys",
    Title: "",
  },
  LeadSource: "AzurePortal-Create|tailspin.tailspin-vm-byol",
  ActionCode: "Create",
  OfferTitle: "Tailspin VM (BYOL)",
};

/** F06 DNC cross-listing notice. */
export const F06 = {
  UserDetails: {
    FirstName: "Anna",
    LastName: "Kowalska",
    Email: "anna.kowalska@wingtip.pl",
    Country: "PL",
    Company: "Wingtip",
  },
  LeadSource: "AppSource (SPZA)-DNC|contoso.contoso-analytics",
  ActionCode: "DNC",
  OfferTitle: "Contoso Analytics",
};

/** F07 test drive with the CPP-era `TestDrive` source. */
export const F07 = {
  UserDetails: {
    FirstName: "Kenji",
    LastName: "Watanabe",
    Email: "k.watanabe@adatum.co.jp",
    Phone: "+81 3-1234-5678",
    Country: "JP",
    Company: "Adatum",
    Title: "Architect",
  },
  LeadSource: "TestDrive-StartTestDrive|adatum.adatum-sql-accelerator",
  ActionCode: "StartTestDrive",
  OfferTitle: "Adatum SQL Accelerator",
};

/** F08 .edu email that arrives anyway. */
export const F08 = {
  UserDetails: {
    FirstName: "",
    LastName: "",
    Email: "student123@university.edu",
    Country: "US",
    Company: "",
    Title: "",
  },
  LeadSource: "AppSource (SPZA)-INS|contoso.contoso-notes",
  ActionCode: "INS",
  OfferTitle: "Contoso Notes",
};

/** F10 most fields missing. */
export const F10 = {
  UserDetails: { Email: "ops@northwind.example" },
  LeadSource: "AzureMarketplace",
  ActionCode: "INS",
};

/** F11 null UserDetails. */
export const F11 = {
  UserDetails: null,
  LeadSource: "AzurePortal",
  ActionCode: "Create",
  OfferTitle: "Fabrikam Managed App",
};

/** F12 Unicode names and offer id. */
export const F12 = {
  UserDetails: {
    FirstName: "Zoë",
    LastName: "Ødegård-Ñúñez",
    Email: "zoe@exämple.no",
    Phone: "+47 22 12 34 56",
    Country: "NO",
    Company: "Åsgård AS 🚀",
    Title: "CTO",
  },
  LeadSource: "AzureMarketplace-INS|asgard.ÅsgårdSuite",
  ActionCode: "INS",
  OfferTitle: "山田ソリューション – Suite",
};

/** F13 CJK and right-to-left text. */
export const F13 = {
  UserDetails: {
    FirstName: "太郎",
    LastName: "山田",
    Email: "yamada@contoso.jp",
    Country: "JP",
    Company: "株式会社コントソ",
    Title: "部長",
  },
  LeadSource: "AppSource (SPZA)-PLT|contoso.kintai",
  ActionCode: "PLT",
  OfferTitle: "勤怠管理",
  Description: "مرحبا – please call after 18:00 JST",
};

/** F14 [DOC-BUG] truncated GUID offer id. */
export const F14 = {
  UserDetails: { FirstName: "Sam", LastName: "Lee", Email: "sam.lee@litware.com" },
  LeadSource: "AzureMarketplace-INS|docusign.3701c77e-1cfa-4c56-91e6-3ed0b622145",
  ActionCode: "INS",
  OfferTitle: "DocuSign eSignature",
};

/** F15 full GUID offer id and a pipe in the title. */
export const F15 = {
  UserDetails: { Email: "buyer@litware.com" },
  LeadSource: "AzureMarketplace-INS|docusign.3701c77e-1cfa-4c56-91e6-3ed0b622145a",
  ActionCode: "INS",
  OfferTitle: "DocuSign | eSignature for Azure",
};

/** F16 lower-camel keys at every level; campaign JSON in description. */
export const F16 = {
  userDetails: {
    firstName: "Maya",
    lastName: "Cohen",
    email: "maya@proseware.com",
    company: "Proseware",
    country: "IL",
  },
  leadSource: "AppSource (SPZA)-INS|proseware.proseware-word-addin",
  actionCode: "INS",
  offerTitle: "Proseware for Word",
  description: '{"mktcmpid":"1234","partnerid":"98765"}',
};

/** F17 "Campaigns: " description. */
export const F17 = {
  UserDetails: { Email: "it@adventure-works.com", Company: "Adventure Works" },
  LeadSource: "AzureMarketplace",
  ActionCode: "Create",
  OfferTitle: "AW Backup",
  Description: "Campaigns: ",
};

/** F18 undocumented action code and an unknown property. */
export const F18 = {
  UserDetails: { FirstName: "Ola", Email: "ola@fourthcoffee.com" },
  LeadSource: "AppSource (SPZA)-FreeTrial|fourthcoffee.brew-saas",
  ActionCode: "FreeTrial",
  OfferTitle: "Brew SaaS",
  ReferralId: "c0ffee00-0000-4000-8000-000000000001",
};

/** F19 one person's journey: Contact me, then Get it now. */
export const F19_SEQUENCE = [
  {
    UserDetails: {
      FirstName: "Ivan",
      LastName: "Petrov",
      Email: "Ivan.Petrov@Contoso.com",
      Company: "Contoso",
    },
    LeadSource: "AppSource (SPZA)-PLT|fabrikam.fabrikam-hr",
    ActionCode: "PLT",
    OfferTitle: "Fabrikam HR",
  },
  {
    UserDetails: {
      FirstName: "Ivan",
      LastName: "Petrov",
      Email: "ivan.petrov@contoso.com",
      Company: "Contoso",
      Title: "CIO",
    },
    LeadSource: "AppSource (SPZA)-INS|fabrikam.fabrikam-hr",
    ActionCode: "INS",
    OfferTitle: "Fabrikam HR",
  },
];

/** F20 [COMMUNITY] a real-shaped table row holding the test lead. */
export const F20_TABLE_TEST_LEAD = {
  PartitionKey: "2018-10-03",
  RowKey: "6f1d2c9e-6a57-4c55-9d7e-0b1c2d3e4f50",
  Timestamp: "2018-10-03T17:04:18.711Z",
  ActionCode: "INS",
  CreatedTime: "10/3/2018 5:04:18 PM",
  CustomerInfo:
    '{"FirstName":"MSFT_TEST_636737558587117715","LastName":"MSFT_TEST_636737558587117715","Email":"MSFT_TEST_636737558587117715@test.com","Phone":"1234567890","Country":"US","Company":"MSFT_TEST_636737558587117715","Title":"MSFT_TEST_636737558587117715"}',
  Description: "MSFT_TEST_636737558587117715",
  LeadSource: "AzureMarketplace",
  OfferDisplayName: "Contoso Test",
};

/** F21 `OfferTitle` column, broken CustomerInfo JSON, blank description, an unknown column. */
export const F21_TABLE_VARIANT = {
  PartitionKey: "20240611",
  RowKey: "20240611T081500Z-1",
  Timestamp: "2024-06-11T08:15:02Z",
  ActionCode: "PLT",
  LeadSource: "AppSource (SPZA)-PLT|contoso.contoso-crm-connector",
  OfferTitle: "Contoso CRM Connector",
  CustomerInfo: '{"FirstName":"Nadia","LastName":"Haddad","Email":"nadia@wide-world.example"',
  Description: " ",
  ExtraColumnFromFuture: "x",
};

/** F22 [DOC] Salesforce Web-to-Lead test submission, as ordered pairs (`encoding` twice). */
export const F22_SALESFORCE_TEST_LEAD: [string, string][] = [
  ["company", "MSFT_TEST_636573304831318844"],
  ["country", "US"],
  ["description", "MSFT_TEST_636573304831318844"],
  ["email", "MSFT_TEST_636573304831318844@test.com"],
  ["encoding", "UTF-8"],
  ["encoding", "UTF-8"],
  ["first_name", "MSFT_TEST_636573304831318844"],
  ["last_name", "MSFT_TEST_636573304831318844"],
  ["lead_source", "MSFT_TEST_636573304831318844-MSFT_TEST_636573304831318844|<Offer Name>"],
  ["oid", "00Do0000000ZHog"],
  ["phone", "1234567890"],
  ["title", "MSFT_TEST_636573304831318844"],
];

/** F23 a real-looking Web-to-Lead post. */
export const F23_SALESFORCE: [string, string][] = [
  ["first_name", "Jonas"],
  ["last_name", "Becker"],
  ["email", "jonas.becker@contoso.de"],
  ["company", "Contoso GmbH"],
  ["country", "DE"],
  ["lead_source", "AzureMarketplace-INS|contoso.contoso-erp"],
  ["oid", "00D5g000004XyZaEAK"],
  ["encoding", "UTF-8"],
];

/** F27 input and the Dataverse record the reference expects (mapping marked as an assumption). */
export const F27_INPUT = {
  UserDetails: {
    FirstName: "Aisha",
    LastName: "Bello",
    Email: "aisha@woodgrove.example",
    Phone: "+234 1 234 5678",
    Country: "NG",
    Company: "Woodgrove Bank",
    Title: "CISO",
  },
  LeadSource: "AzureMarketplace-INS|woodgrove.secure-vm",
  ActionCode: "INS",
  OfferTitle: "Woodgrove Secure VM",
};

/** F30 all-lowercase keys and padded values. */
export const F30 = {
  userdetails: {
    firstname: "  Grace ",
    lastname: "Hopper",
    email: " GRACE@Navy.Example ",
    country: "us",
  },
  leadsource: "AzureMarketplace",
  actioncode: "ins",
  offertitle: "COBOL Studio",
};
