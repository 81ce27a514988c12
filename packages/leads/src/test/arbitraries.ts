import fc from "fast-check";

import {
  KNOWN_ACTION_CODES,
  KNOWN_LEAD_SOURCES,
  canonicalActionCode,
  canonicalLeadSource,
} from "../codes";
import type { JsonObject, JsonValue } from "../json";
import { CUSTOMER_FIELDS, type CustomerInfo, type Lead } from "../lead";
import { PUBLISHER_ID_PATTERN, OFFER_ID_PATTERN, looksLikeOfferId, type OfferId } from "../offer";
import { isTestLead } from "../test-lead";
import { normalizeText } from "../text";

/**
 * Arbitrary canonical leads for round-trip properties: any Unicode text (trimmed and
 * non-empty, as parsers produce it), known and unknown codes, GUID and slug offer ids,
 * fields missing at random. Each format's generator keeps to what that format can carry.
 */

const TEST_TOKEN = "MSFT_TEST_636573304831318844";

const rawText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom(
    TEST_TOKEN,
    `${TEST_TOKEN}@test.com`,
    "Zoë Ødegård-Ñúñez",
    "山田 太郎",
    "مرحبا",
    "Åsgård AS 🚀",
    "a | b",
    "x-y",
  ),
);

/** Canonical text: what `normalizeText` leaves of arbitrary input, when anything is left. */
export const canonicalText: fc.Arbitrary<string> = rawText
  .map((text) => normalizeText(text))
  .filter((text): text is string => text !== undefined);

const optional = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arbitrary, { nil: undefined, freq: 3 });

/** Codes outside the vocabulary; the `Source-Action|Offer` separators cannot occur in them. */
const unknownCode = canonicalText.filter((text) => !text.includes("-") && !text.includes("|"));

export const sourceArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...Object.keys(KNOWN_LEAD_SOURCES)),
  unknownCode.map(canonicalLeadSource),
);

export const actionArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...Object.keys(KNOWN_ACTION_CODES)),
  unknownCode.map(canonicalActionCode),
);

export const offerIdArb: fc.Arbitrary<OfferId> = fc.record({
  publisherId: fc.oneof(
    fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,15}$/),
    canonicalText.filter((text) => PUBLISHER_ID_PATTERN.test(text)),
  ),
  offerId: fc.oneof(
    fc.uuid(),
    fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,30}$/),
    canonicalText.filter((text) => OFFER_ID_PATTERN.test(text)),
  ),
});

export const customerArb: fc.Arbitrary<CustomerInfo> = fc
  .tuple(...CUSTOMER_FIELDS.map(() => optional(canonicalText)))
  .map((values) =>
    Object.fromEntries(
      CUSTOMER_FIELDS.flatMap((field, index) => {
        const value = values[index];
        return value === undefined ? [] : [[field, value]];
      }),
    ),
  );

export const receivedAtArb = fc.date({
  min: new Date("2000-01-01T00:00:00.000Z"),
  max: new Date("2100-01-01T00:00:00.000Z"),
  noInvalidDate: true,
});

function keyNotIn(reserved: readonly string[]): fc.Arbitrary<string> {
  const lowerCased = new Set(reserved.map((name) => name.toLowerCase()));
  return fc
    .oneof(
      fc.string({ unit: "binary", maxLength: 12 }),
      fc.constantFrom("ReferralId", "__proto__", "constructor", "x y"),
    )
    .filter((key) => !lowerCased.has(key.toLowerCase()));
}

/** JSON values as JSON carries them (fast-check may produce -0, which JSON writes as 0). */
const jsonValueArb: fc.Arbitrary<JsonValue> = fc
  .jsonValue({ maxDepth: 2, stringUnit: "binary" })
  .map((value) => JSON.parse(JSON.stringify(value)) as JsonValue);

interface LeadShape {
  extraFields?: fc.Arbitrary<JsonObject>;
  /**
   * For formats whose LeadSource offer slot holds the title when no offer id is known
   * (Salesforce): a title there must not look like `publisher.offer`, and without a
   * title field of its own (`"only-without-offer-id"`) the title is lost beside an id.
   */
  titleInOfferSlot?: "only-without-offer-id" | "also-in-own-field";
}

/**
 * Leads that say who or where from (a customer field, a source or an offer id): the parsers rightly
 * refuse a payload carrying neither, so such leads have no round trip to make.
 */
export function leadArb(shape: LeadShape = {}): fc.Arbitrary<Lead> {
  return fc
    .record({
      customer: customerArb,
      source: optional(sourceArb),
      action: optional(actionArb),
      offer: optional(offerIdArb),
      offerTitle: optional(canonicalText),
      description: optional(canonicalText),
      receivedAt: receivedAtArb,
      extraFields: shape.extraFields ?? fc.constant({}),
    })
    .filter(
      (lead) =>
        lead.source !== undefined ||
        lead.offer !== undefined ||
        CUSTOMER_FIELDS.some((field) => lead.customer[field] !== undefined),
    )
    .map(({ offer, offerTitle, ...rest }) => {
      const keepTitle =
        offerTitle !== undefined &&
        (shape.titleInOfferSlot === undefined ||
          (offer === undefined
            ? !looksLikeOfferId(offerTitle)
            : shape.titleInOfferSlot === "also-in-own-field"));
      const lead: Lead = {
        ...rest,
        ...(offer === undefined ? {} : { offer }),
        ...(keepTitle ? { offerTitle } : {}),
        isTest: false,
        isPrivacyRedacted: false,
      };
      return withoutUndefinedFields({ ...lead, isTest: isTestLead(lead) });
    });
}

function withoutUndefinedFields(lead: Lead): Lead {
  return Object.fromEntries(
    Object.entries(lead).filter(([, value]) => value !== undefined),
  ) as unknown as Lead;
}

export function extraFieldsArb(
  reservedKeys: readonly string[],
  nested?: { key: string; reserved: readonly string[] },
): fc.Arbitrary<JsonObject> {
  const topLevel = fc.dictionary(keyNotIn(reservedKeys), jsonValueArb, {
    maxKeys: 3,
    noNullPrototype: true,
  });
  if (nested === undefined) return topLevel;
  const nestedExtras = fc.option(
    fc.dictionary(keyNotIn(nested.reserved), jsonValueArb, {
      minKeys: 1,
      maxKeys: 3,
      noNullPrototype: true,
    }),
    { nil: undefined },
  );
  return fc
    .tuple(topLevel, nestedExtras)
    .map(([top, inner]) =>
      inner === undefined ? top : Object.fromEntries([...Object.entries(top), [nested.key, inner]]),
    );
}

/** Extra columns a table row can hold: valid property names, strings, numbers, booleans. */
export function tableExtraFieldsArb(reservedKeys: readonly string[]): fc.Arbitrary<JsonObject> {
  const lowerCased = new Set([...reservedKeys, "etag"].map((name) => name.toLowerCase()));
  return fc.dictionary(
    fc
      .stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/)
      .filter((key) => !lowerCased.has(key.toLowerCase())),
    fc.oneof(
      fc.string({ unit: "binary" }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
    ),
    { maxKeys: 3, noNullPrototype: true },
  );
}
