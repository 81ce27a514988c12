import type { OfferType } from "@leadrelay/db";
import { OFFER_TYPES, type OfferTypeName } from "@leadrelay/leads";
import { z } from "zod";

/**
 * Partner Center ids: lower-case letters, digits, `-` and `_` (offer ids may be GUIDs),
 * at most 50 characters. A publisher id never holds a dot, since `publisherid.offerid`
 * splits at the first one; offer ids are allowed dots for ids from older portals.
 * Input is trimmed and lower-cased, as Partner Center shows ids.
 */
const idText = (label: string, pattern: RegExp, rule: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .min(1, `Enter the ${label}`)
    .max(50, `The ${label} has at most 50 characters`)
    .regex(pattern, `The ${label} ${rule}`);

export const publisherIdSchema = idText(
  "publisher id",
  /^[a-z0-9][a-z0-9_-]*$/u,
  "holds only letters, digits, '-' and '_' (no dots), starting with a letter or digit",
);
export const offerIdSchema = idText(
  "offer id",
  /^[a-z0-9][a-z0-9._-]*$/u,
  "holds only letters, digits, '-', '_' and '.', starting with a letter or digit",
);

// Fails to compile when the schema and the domain's list of offer types differ either way.
const everyOfferTypeListed: Exclude<OfferType, OfferTypeName> extends never ? true : never = true;
const noOfferTypeUnknown: Exclude<OfferTypeName, OfferType> extends never ? true : never = true;
void everyOfferTypeListed;
void noOfferTypeUnknown;

export const offerTypeSchema = z.enum(OFFER_TYPES, { error: "Choose the offer type as Partner Center names it" });
export const offerTitleSchema = z.string().trim().min(1, "Enter the offer's title").max(200, "The title has at most 200 characters");
export const offerRecordIdSchema = z.string().trim().min(1, "Choose an offer").max(64);
/** A member's user id; null: no default owner. */
export const defaultOwnerIdSchema = z.string().trim().min(1, "Choose a member").max(64).nullable();
