import type { Lead } from "./lead";
import { formatOfferId } from "./offer";

/**
 * De-duplication: the same person on the same offer arrives several times (Contact me, then
 * Get it now, then a trial); Microsoft advises merging them. The key is conservative: a
 * false merge mixes two people's data, a missed merge only costs a duplicate.
 *
 * Person, in order of strength:
 *  1. email, trimmed and lower-cased. Nothing more: Gmail's dots and `+tags` are not removed,
 *     since other providers treat them as different mailboxes, and guessing the provider
 *     behind a custom domain is not possible;
 *  2. phone digits (at least 7, fewer identify nobody) with the country as sent, upper-cased;
 *  3. first name, last name and company together, each trimmed, spaces collapsed, lower-cased.
 * Otherwise the key is null and the lead is never merged (privacy-redacted leads included).
 *
 * Offer: offer id when known, else the offer title; leads with neither share one bucket.
 * The key is a JSON array, so no value can forge a separator.
 */
export function leadDedupKey(lead: Pick<Lead, "customer" | "offer" | "offerTitle">): string | null {
  const person = personKey(lead.customer);
  if (person === null) return null;
  return JSON.stringify([...offerKey(lead), ...person]);
}

const MIN_PHONE_DIGITS = 7;

export function normalizeEmailForDedup(email: string): string {
  return email.trim().toLowerCase();
}

/** Digits only; `+44 20 7946 0958` and `44-20-7946-0958` are the same number. */
export function normalizePhoneForDedup(phone: string): string {
  return phone.replace(/[^0-9]/gu, "");
}

function normalizeNamePart(value: string): string {
  return value.trim().replace(/\s+/gu, " ").toLowerCase();
}

function offerKey(lead: Pick<Lead, "offer" | "offerTitle">): string[] {
  if (lead.offer) return ["offer", formatOfferId(lead.offer).toLowerCase()];
  if (lead.offerTitle !== undefined) return ["offer-title", normalizeNamePart(lead.offerTitle)];
  return ["no-offer"];
}

function personKey(customer: Lead["customer"]): string[] | null {
  const email = customer.email === undefined ? "" : normalizeEmailForDedup(customer.email);
  if (email !== "") return ["email", email];

  const phone = customer.phone === undefined ? "" : normalizePhoneForDedup(customer.phone);
  if (phone.length >= MIN_PHONE_DIGITS) {
    return ["phone", (customer.country ?? "").trim().toUpperCase(), phone];
  }

  const { firstName, lastName, company } = customer;
  if (firstName !== undefined && lastName !== undefined && company !== undefined) {
    const parts = [firstName, lastName, company].map(normalizeNamePart);
    if (parts.every((part) => part !== "")) return ["name", ...parts];
  }
  return null;
}
