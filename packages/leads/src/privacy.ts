import type { CustomerField, Lead } from "./lead";

/**
 * Microsoft does not pass personal data of customers whose email is on an `.edu` domain;
 * tenants may add domains of their own (e.g. `ac.uk`, a school district). A lead matching
 * either rule keeps only what describes the organisation and the marketplace event.
 *
 * Kept: `country` and `company` (they describe the organisation, not the person, and let
 * the publisher see which institution showed interest, which is what the FAQ's "email but
 * no lead in my CRM" case needs), plus source, action, offer, time and the test flag.
 * Removed: names, email, phone and job title (they identify the person; a title together
 * with a company often does), the description (customer-written Contact-me notes may hold
 * anything personal) and unknown extra fields (their content is unknown, so they cannot be
 * shown to be harmless).
 */
export const PRIVACY_REDACTED_CUSTOMER_FIELDS = [
  "firstName",
  "lastName",
  "email",
  "phone",
  "title",
] as const satisfies readonly CustomerField[];

export const PRIVACY_KEPT_CUSTOMER_FIELDS = [
  "country",
  "company",
] as const satisfies readonly CustomerField[];

export interface PrivacyPolicy {
  /** Extra domains from the tenant; subdomains match too. `@x.org`, `.x.org`, `X.org` all mean `x.org`. */
  extraDomains?: readonly string[];
}

export interface PrivacyMatch {
  rule: "edu" | "tenant_domain";
  /** The email's domain, lower-cased. */
  emailDomain: string;
  /** The rule's domain that matched: `edu`, or the tenant's entry. */
  matchedDomain: string;
}

/** Canonical form of a tenant-given domain, or undefined when nothing is left of it. */
export function normalizePrivacyDomain(input: string): string | undefined {
  const domain = input
    .trim()
    .toLowerCase()
    .replace(/^[@*.]+/u, "")
    .replace(/\.+$/u, "");
  return domain === "" ? undefined : domain;
}

function emailDomainOf(email: string): string | undefined {
  const at = email.lastIndexOf("@");
  if (at < 0) return undefined;
  return normalizePrivacyDomain(email.slice(at + 1));
}

function isDomainOrSubdomain(domain: string, parent: string): boolean {
  return domain === parent || domain.endsWith(`.${parent}`);
}

/** Which privacy rule an email falls under, if any. */
export function findPrivacyMatch(
  email: string | undefined,
  policy: PrivacyPolicy = {},
): PrivacyMatch | undefined {
  const emailDomain = email === undefined ? undefined : emailDomainOf(email);
  if (emailDomain === undefined) return undefined;
  if (isDomainOrSubdomain(emailDomain, "edu")) {
    return { rule: "edu", emailDomain, matchedDomain: "edu" };
  }
  for (const entry of policy.extraDomains ?? []) {
    const matchedDomain = normalizePrivacyDomain(entry);
    if (matchedDomain !== undefined && isDomainOrSubdomain(emailDomain, matchedDomain)) {
      return { rule: "tenant_domain", emailDomain, matchedDomain };
    }
  }
  return undefined;
}

export function describePrivacyMatch(match: PrivacyMatch): string {
  const removed =
    "names, email, phone, job title, description and extra fields were removed; country and company were kept";
  return match.rule === "edu"
    ? `The email is on an .edu domain (${match.emailDomain}). Microsoft does not pass personal data of .edu customers, so ${removed}.`
    : `The email domain ${match.emailDomain} is on this workspace's privacy list (${match.matchedDomain}), so ${removed}.`;
}

/** The lead unchanged, or redacted with `isPrivacyRedacted` and a human-readable reason. */
export function applyPrivacyRules(lead: Lead, policy: PrivacyPolicy = {}): Lead {
  const match = findPrivacyMatch(lead.customer.email, policy);
  if (match === undefined) return lead;

  const { description: _description, ...withoutDescription } = lead;
  const customer = Object.fromEntries(
    PRIVACY_KEPT_CUSTOMER_FIELDS.flatMap((field) => {
      const value = lead.customer[field];
      return value === undefined ? [] : [[field, value]];
    }),
  );
  return {
    ...withoutDescription,
    customer,
    extraFields: {},
    isPrivacyRedacted: true,
    privacyRedactionReason: describePrivacyMatch(match),
  };
}
