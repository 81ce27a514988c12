/**
 * Lead rows as the lead domain sees them: the canonical lead a destination receives
 * (`toCanonicalLead`) and the customer part of a lead row (`customerOf`, also used by the
 * JSON export), so every reader maps the stored columns the same way.
 */
import type { Prisma } from "../generated/prisma/client";

export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/**
 * The canonical lead of `@leadrelay/leads` (its `Lead` type), rebuilt from the stored
 * rows. Declared structurally here so the database package needs no domain import;
 * the worker assigns it to `Lead`, so any drift fails to compile there.
 */
export interface CanonicalLeadDto {
  customer: { firstName?: string; lastName?: string; email?: string; phone?: string; country?: string; company?: string; title?: string };
  source?: string;
  action?: string;
  offer?: { publisherId: string; offerId: string };
  offerTitle?: string;
  description?: string;
  receivedAt: Date;
  isTest: boolean;
  isPrivacyRedacted: boolean;
  privacyRedactionReason?: string;
  extraFields: JsonObject;
}

/** The customer columns of a lead row, for selects. */
export const leadCustomerSelect = {
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  country: true,
  company: true,
  title: true,
} as const satisfies Prisma.LeadSelect;

export const leadForDeliverySelect = {
  offerRef: true,
  offerTitle: true,
  ...leadCustomerSelect,
  source: true,
  action: true,
  description: true,
  isTest: true,
  isPrivacyRedacted: true,
  privacyReason: true,
  offer: { select: { publisherId: true, offerId: true, title: true } },
} as const satisfies Prisma.LeadSelect;

export const touchpointForDeliverySelect = {
  source: true,
  action: true,
  receivedAt: true,
  extraFields: true,
  isTest: true,
} as const satisfies Prisma.TouchpointSelect;

export type LeadRowForDelivery = Prisma.LeadGetPayload<{ select: typeof leadForDeliverySelect }>;
export type TouchpointRowForDelivery = Prisma.TouchpointGetPayload<{ select: typeof touchpointForDeliverySelect }>;

/** Publisher ids hold no dot, so `publisherid.offerid` splits on the first one. */
function parseOfferRef(ref: string | null): { publisherId: string; offerId: string } | undefined {
  const trimmed = ref?.trim() ?? "";
  const dot = trimmed.indexOf(".");
  if (dot <= 0 || dot === trimmed.length - 1 || /[\s|]/u.test(trimmed)) return undefined;
  return { publisherId: trimmed.slice(0, dot), offerId: trimmed.slice(dot + 1) };
}

function present(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function jsonObject(value: Prisma.JsonValue | null): JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : {};
}

/** The lead row's customer columns, in the order of the lead domain's `CUSTOMER_FIELDS`. */
export const LEAD_CUSTOMER_COLUMNS = ["firstName", "lastName", "email", "phone", "country", "company", "title"] as const;

/** The customer of a lead row: the columns that hold a value (blank ones are left out, as the canonical lead leaves them out). */
export function customerOf(row: Record<(typeof LEAD_CUSTOMER_COLUMNS)[number], string | null>): CanonicalLeadDto["customer"] {
  const customer: CanonicalLeadDto["customer"] = {};
  for (const field of LEAD_CUSTOMER_COLUMNS) {
    const value = present(row[field]);
    if (value !== undefined) customer[field] = value;
  }
  return customer;
}

/**
 * The lead as it goes to a destination: the person from the lead row, what they did
 * (source, action, time, extra fields) from the touchpoint being delivered, since one
 * person may arrive as "Contact me" and later as an install.
 */
export function toCanonicalLead(lead: LeadRowForDelivery, touchpoint: TouchpointRowForDelivery): CanonicalLeadDto {
  const customer = customerOf(lead);
  const offer = lead.offer ? { publisherId: lead.offer.publisherId, offerId: lead.offer.offerId } : parseOfferRef(lead.offerRef);
  const offerTitle = present(lead.offerTitle) ?? present(lead.offer?.title);
  const source = present(touchpoint.source) ?? present(lead.source);
  const action = present(touchpoint.action) ?? present(lead.action);
  const description = present(lead.description);
  const privacyRedactionReason = present(lead.privacyReason);
  return {
    customer,
    ...(source !== undefined ? { source } : {}),
    ...(action !== undefined ? { action } : {}),
    ...(offer ? { offer } : {}),
    ...(offerTitle !== undefined ? { offerTitle } : {}),
    ...(description !== undefined ? { description } : {}),
    receivedAt: touchpoint.receivedAt,
    isTest: touchpoint.isTest || lead.isTest,
    isPrivacyRedacted: lead.isPrivacyRedacted,
    ...(lead.isPrivacyRedacted && privacyRedactionReason !== undefined ? { privacyRedactionReason } : {}),
    extraFields: jsonObject(touchpoint.extraFields),
  };
}
