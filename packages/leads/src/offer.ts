/**
 * Offer identity: `publisherid.offerid` as the publisher set them at publish time, e.g.
 * `checkpoint.check-point-r77-10sg-byol` or `docusign.3701c77e-1cfa-4c56-91e6-3ed0b622145`.
 *
 * Offer ids are not validated as GUIDs: the docs' own GUID example is truncated, and any
 * publisher-chosen slug is valid. Publisher ids contain no dot, so the id splits on the first
 * dot. Neither part may hold whitespace or `|`, the LeadSource separator.
 */
export interface OfferId {
  publisherId: string;
  offerId: string;
}

export const PUBLISHER_ID_PATTERN = /^[^\s.|]+$/u;
export const OFFER_ID_PATTERN = /^[^\s|]+$/u;
const COMBINED_OFFER_ID_PATTERN = /^[^\s.|]+\.[^\s|]+$/u;

/** True when the text has the `publisher.offer` shape rather than that of a display title. */
export function looksLikeOfferId(text: string): boolean {
  return COMBINED_OFFER_ID_PATTERN.test(text);
}

export function parseOfferId(text: string): OfferId | undefined {
  const trimmed = text.trim();
  if (!looksLikeOfferId(trimmed)) return undefined;
  const dot = trimmed.indexOf(".");
  return { publisherId: trimmed.slice(0, dot), offerId: trimmed.slice(dot + 1) };
}

export function formatOfferId(offer: OfferId): string {
  return `${offer.publisherId}.${offer.offerId}`;
}
