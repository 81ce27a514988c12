/**
 * The marketplace's source and action vocabularies (LeadSource `Source-Action|Offer`).
 *
 * Known values are matched without regard to case (payloads arrive as `"actioncode": "ins"`)
 * and stored in Microsoft's spelling. Anything else is kept verbatim: Microsoft never
 * published the full list, so an unknown value is a signal to review, never a reason to
 * reject a lead.
 */

export type FunnelStage = "initial" | "active" | "trial" | "do_not_contact";

/** Sources named in Partner Center docs, plus `TestDrive` from the Cloud Partner Portal era. */
export const KNOWN_LEAD_SOURCES = {
  AzureMarketplace: "Azure Marketplace",
  AzurePortal: "Azure portal",
  "AppSource (SPZA)": "AppSource",
  TestDrive: "Test Drive (Cloud Partner Portal era)",
} as const satisfies Record<string, string>;

export type KnownLeadSource = keyof typeof KNOWN_LEAD_SOURCES;

export interface ActionCodeInfo {
  /** What the customer did, in the docs' words. */
  meaning: string;
  stage: FunnelStage;
  /**
   * False for codes seen in practice or in the reference's fixtures but in no version of
   * Microsoft's docs; the UI can say so.
   */
  documented: boolean;
}

/**
 * Stage per action. `PLT` follows Partner Center's wording (Contact me = initial interest);
 * the older Cloud Partner Portal docs called AppSource's Contact me "active", and the
 * Partner Center wording is the one in force.
 */
export const KNOWN_ACTION_CODES = {
  INS: {
    meaning:
      "Install: the customer acquired the product (Get it now) on Azure Marketplace or AppSource",
    stage: "active",
    documented: true,
  },
  Create: {
    meaning: "Create: the customer acquired the offer into their account in the Azure portal",
    stage: "active",
    documented: true,
  },
  PLT: {
    meaning: "Partner-led trial: on AppSource the customer pressed Contact me",
    stage: "initial",
    documented: true,
  },
  StartTestDrive: {
    meaning: "The customer started a test drive",
    stage: "trial",
    documented: true,
  },
  DNC: {
    meaning:
      "Do not contact: a partner cross-listed on the app page was asked to be contacted; shared as a signal only",
    stage: "do_not_contact",
    documented: true,
  },
  FreeTrial: {
    meaning: "The customer started a free trial (code seen in practice, not in Microsoft's docs)",
    stage: "trial",
    documented: false,
  },
  ContactMe: {
    meaning: "The customer pressed Contact me (code seen in practice, not in Microsoft's docs)",
    stage: "initial",
    documented: false,
  },
} as const satisfies Record<string, ActionCodeInfo>;

export type KnownActionCode = keyof typeof KNOWN_ACTION_CODES;

function indexByLowerCase<K extends string>(keys: readonly K[]): ReadonlyMap<string, K> {
  return new Map(keys.map((key) => [key.toLowerCase(), key]));
}

const leadSourcesByLowerCase = indexByLowerCase(
  Object.keys(KNOWN_LEAD_SOURCES) as KnownLeadSource[],
);
const actionCodesByLowerCase = indexByLowerCase(
  Object.keys(KNOWN_ACTION_CODES) as KnownActionCode[],
);

/** Microsoft's spelling of a known source, or the value itself when unknown. */
export function canonicalLeadSource(value: string): string {
  return leadSourcesByLowerCase.get(value.toLowerCase()) ?? value;
}

/** Microsoft's spelling of a known action code, or the value itself when unknown. */
export function canonicalActionCode(value: string): string {
  return actionCodesByLowerCase.get(value.toLowerCase()) ?? value;
}

export function isKnownLeadSource(value: string): value is KnownLeadSource {
  return Object.hasOwn(KNOWN_LEAD_SOURCES, value);
}

export function isKnownActionCode(value: string): value is KnownActionCode {
  return Object.hasOwn(KNOWN_ACTION_CODES, value);
}
