import { z } from "zod";

import { canonicalActionCode, canonicalLeadSource } from "./codes";
import { isJsonValue, isPlainObject, type JsonObject } from "./json";
import { CUSTOMER_FIELDS, type CustomerField, type Lead } from "./lead";
import { OFFER_ID_PATTERN, PUBLISHER_ID_PATTERN } from "./offer";
import { isTestLead } from "./test-lead";
import { normalizeText, withoutUndefined } from "./text";

/** Accepts a string, null or nothing; yields the canonical trimmed text or undefined. */
const optionalText = z
  .string()
  .nullish()
  .transform((value) => normalizeText(value))
  .optional();

const customerSchema = z
  .strictObject(
    Object.fromEntries(CUSTOMER_FIELDS.map((field) => [field, optionalText])) as Record<
      CustomerField,
      typeof optionalText
    >,
  )
  .transform((customer) => withoutUndefined(customer));

export const offerIdSchema = z.strictObject({
  publisherId: z.string().regex(PUBLISHER_ID_PATTERN, "A publisher id has no dots, spaces or '|'"),
  offerId: z.string().regex(OFFER_ID_PATTERN, "An offer id has no spaces or '|'"),
});

/**
 * Unknown fields, checked here rather than with `z.record(z.json())`: zod builds records by
 * assignment, which turns a client's `"__proto__"` key into the object's prototype instead
 * of keeping it as a field. The value is returned as given once every entry is JSON.
 */
const extraFieldsSchema = z.unknown().transform((value, context): JsonObject => {
  if (!isPlainObject(value)) {
    context.addIssue({ code: "custom", message: "Expected an object of extra fields" });
    return z.NEVER;
  }
  for (const [key, item] of Object.entries(value)) {
    if (!isJsonValue(item))
      context.addIssue({ code: "custom", path: [key], message: "Expected a JSON value" });
  }
  return value as JsonObject;
});

const receivedAtSchema = z.union([
  z.date(),
  z.iso.datetime({ offset: true }).transform((text) => new Date(text)),
]);

/**
 * The canonical lead, for an API that captures leads already in canonical form.
 *
 * Input is forgiving in the same ways the marketplace parsers are (text trimmed, empty text
 * and null mean absent, known codes matched without regard to case, ISO date strings
 * accepted); output is a `Lead`. A lead carrying an `MSFT_TEST_` token is marked as a test
 * whatever `isTest` says, so a test lead cannot slip into follow-up queues.
 */
export const leadSchema = z
  .strictObject({
    customer: customerSchema.default({}),
    source: optionalText.transform((value) => value && canonicalLeadSource(value)),
    action: optionalText.transform((value) => value && canonicalActionCode(value)),
    offer: offerIdSchema.optional(),
    offerTitle: optionalText,
    description: optionalText,
    receivedAt: receivedAtSchema,
    isTest: z.boolean().default(false),
    isPrivacyRedacted: z.boolean().default(false),
    privacyRedactionReason: optionalText,
    extraFields: extraFieldsSchema.default(() => ({})),
  })
  .refine((lead) => lead.isPrivacyRedacted === (lead.privacyRedactionReason !== undefined), {
    path: ["privacyRedactionReason"],
    message: "A privacy-redacted lead needs a reason, and only a redacted lead may have one",
  })
  .transform((lead): Lead =>
    withoutUndefined({ ...lead, isTest: lead.isTest || isTestLead(lead) }),
  );

export type LeadInput = z.input<typeof leadSchema>;
