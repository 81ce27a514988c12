import type { Lead } from "./lead";

/**
 * Microsoft's test lead: sent on Validate and after Publish, every field carrying
 * `MSFT_TEST_<number>` where the number is .NET ticks (100 ns since 0001-01-01 UTC), e.g.
 * `MSFT_TEST_636573304831318844`. Publishers are told to search for `MSFT_TEST`, so the
 * match is on Microsoft's exact uppercase spelling at the start of a field.
 */
const TEST_TOKEN_PATTERN = /^MSFT_TEST_\d+/u;

/** Milliseconds between 0001-01-01 and the Unix epoch. */
const DOT_NET_EPOCH_OFFSET_MS = 62_135_596_800_000n;
const TICKS_PER_MS = 10_000n;

/** Values Microsoft's test lead carries where no token is used. */
export const TEST_LEAD_PHONE = "1234567890";
export const TEST_LEAD_COUNTRY = "US";
export const TEST_LEAD_EMAIL_DOMAIN = "test.com";

type TestLeadFields = Pick<Lead, "customer" | "source" | "action" | "description">;

/** The fields where the marketplace writes the token (not phone or country, which are fixed). */
function tokenCarryingFields(lead: TestLeadFields): (string | undefined)[] {
  const { customer } = lead;
  return [
    customer.firstName,
    customer.lastName,
    customer.email,
    customer.company,
    customer.title,
    lead.description,
    lead.source,
    lead.action,
  ];
}

/** The `MSFT_TEST_<ticks>` token of a test lead, or undefined for a real lead. */
export function findTestLeadToken(lead: TestLeadFields): string | undefined {
  for (const value of tokenCarryingFields(lead)) {
    const match = value === undefined ? null : TEST_TOKEN_PATTERN.exec(value);
    if (match) return match[0];
  }
  return undefined;
}

/** One token-carrying field is enough: destinations differ in which fields they keep. */
export function isTestLead(lead: TestLeadFields): boolean {
  return findTestLeadToken(lead) !== undefined;
}

/** .NET ticks of a date: (unixMs + 62135596800000) × 10000, exact in bigint. */
export function dotNetTicks(date: Date): bigint {
  return (BigInt(date.getTime()) + DOT_NET_EPOCH_OFFSET_MS) * TICKS_PER_MS;
}

/** The moment a token's ticks stand for, to the millisecond (e.g. to show when a test ran). */
export function dateFromDotNetTicks(ticks: bigint): Date {
  return new Date(Number(ticks / TICKS_PER_MS - DOT_NET_EPOCH_OFFSET_MS));
}

export function testLeadToken(now: Date): string {
  return `MSFT_TEST_${dotNetTicks(now)}`;
}

/**
 * A test lead as the marketplace sends it to HTTPS and Azure Table destinations (source
 * `AzureMarketplace`, action `INS`, every identity field the token). The Salesforce variant
 * puts the token in source and action too; formatters derive each destination's shape from
 * this one lead.
 */
export function makeTestLead(offer: Pick<Lead, "offer" | "offerTitle">, now: Date): Lead {
  const token = testLeadToken(now);
  return {
    customer: {
      firstName: token,
      lastName: token,
      email: `${token}@${TEST_LEAD_EMAIL_DOMAIN}`,
      phone: TEST_LEAD_PHONE,
      country: TEST_LEAD_COUNTRY,
      company: token,
      title: token,
    },
    source: "AzureMarketplace",
    action: "INS",
    ...(offer.offer ? { offer: { ...offer.offer } } : {}),
    ...(offer.offerTitle ? { offerTitle: offer.offerTitle } : {}),
    description: token,
    receivedAt: new Date(now.getTime()),
    isTest: true,
    isPrivacyRedacted: false,
    extraFields: {},
  };
}
