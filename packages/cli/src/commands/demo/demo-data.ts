/**
 * What the demo publisher "Contoso Analytics" holds: its offers and the marketplace captures
 * that become its leads. Pure and deterministic (a fixed pseudo-random sequence), so every
 * demo looks the same apart from the dates, which are relative to `now`.
 */
import type { HttpsLeadPayload } from "@leadrelay/leads";

export const DEMO_PUBLISHER_ID = "contoso-analytics";

export type DemoOfferKey = "saas" | "d365" | "azureApp" | "consulting";

export interface DemoOfferSpec {
  key: DemoOfferKey;
  offerId: string;
  title: string;
  type: "SAAS" | "DYNAMICS_365_CUSTOMER_ENGAGEMENT" | "AZURE_APPLICATION" | "CONSULTING_SERVICE";
  listedAsContactMe: boolean;
  hasTestDrive: boolean;
}

/** Four offers of different types; which of them need a destination differs (domain.md). */
export const DEMO_OFFERS: readonly DemoOfferSpec[] = [
  {
    key: "saas",
    offerId: "insights-cloud",
    title: "Contoso Insights Cloud",
    type: "SAAS",
    listedAsContactMe: true,
    hasTestDrive: false,
  },
  {
    key: "d365",
    offerId: "sales-forecasting-d365",
    title: "Sales Forecasting for Dynamics 365",
    type: "DYNAMICS_365_CUSTOMER_ENGAGEMENT",
    listedAsContactMe: true,
    hasTestDrive: true,
  },
  {
    key: "azureApp",
    offerId: "analytics-workspace",
    title: "Contoso Analytics Workspace (managed application)",
    type: "AZURE_APPLICATION",
    listedAsContactMe: false,
    hasTestDrive: false,
  },
  {
    key: "consulting",
    offerId: "data-platform-assessment",
    title: "Data Platform Assessment: 2-week engagement",
    type: "CONSULTING_SERVICE",
    listedAsContactMe: true,
    hasTestDrive: false,
  },
];

/**
 * The webhook the Dynamics 365 offer sends its leads to. The address is in a documentation
 * range (RFC 5737): it passes the destination checks but nothing answers there, so delivery
 * fails and the destination's health shows what that looks like.
 */
export const DEMO_WEBHOOK = {
  offer: "d365" as DemoOfferKey,
  name: "Contoso CRM intake (Power Automate)",
  url: "https://203.0.113.25/workflows/marketplace-leads/triggers/manual/invoke",
};

/** One capture as the marketplace would POST it to the offer's capture URL. */
export interface DemoCapture {
  offer: DemoOfferKey;
  payload: HttpsLeadPayload;
  receivedAt: Date;
  /** What this capture shows in the demo, for the summary and the follow-up script. */
  role: "lead" | "repeat" | "privacy" | "test";
}

type Source = "AzureMarketplace" | "AppSource (SPZA)" | "AzurePortal";

/** Which marketplace and action produce leads for each offer, in rough proportion. */
const CHANNELS: Record<DemoOfferKey, readonly [Source, string][]> = {
  saas: [
    ["AzureMarketplace", "INS"],
    ["AzureMarketplace", "INS"],
    ["AppSource (SPZA)", "PLT"],
    ["AppSource (SPZA)", "DNC"],
  ],
  d365: [
    ["AppSource (SPZA)", "PLT"],
    ["AppSource (SPZA)", "StartTestDrive"],
    ["AppSource (SPZA)", "INS"],
  ],
  azureApp: [
    ["AzurePortal", "Create"],
    ["AzurePortal", "Create"],
    ["AzureMarketplace", "INS"],
  ],
  consulting: [
    ["AzureMarketplace", "ContactMe"],
    ["AppSource (SPZA)", "PLT"],
  ],
};

/** Offers in the order leads are dealt out: the SaaS offer gets the most. */
const OFFER_ROTATION: readonly DemoOfferKey[] = ["saas", "d365", "saas", "azureApp", "d365", "saas", "consulting", "azureApp"];

const FIRST_NAMES = [
  "Olivia", "Liam", "Sofia", "Mateo", "Hannah", "Yuki", "Priya", "Lucas", "Amara", "Noah",
  "Elena", "Kenji", "Fatima", "Jonas", "Chloe", "Rafael", "Ingrid", "Omar", "Mei", "Tomasz",
  "Aisha", "Diego", "Freya", "Arjun", "Lena", "Samuel", "Nadia", "Emil", "Zara", "Hugo",
];
const LAST_NAMES = [
  "Bennett", "García", "Nakamura", "Okafor", "Schneider", "Patel", "Rossi", "Kowalski", "Dubois", "Andersson",
  "Haddad", "Fischer", "Murphy", "Silva", "Tanaka", "Novak", "Müller", "Costa", "Larsen", "Ibrahim",
];
const COMPANIES: readonly [name: string, domain: string, country: string][] = [
  ["Fabrikam Retail", "fabrikam.example", "US"],
  ["Northwind Traders", "northwindtraders.example", "GB"],
  ["Tailspin Toys", "tailspintoys.example", "US"],
  ["Woodgrove Bank", "woodgrovebank.example", "CA"],
  ["Adventure Works Cycles", "adventure-works.example", "DE"],
  ["Litware Inc.", "litwareinc.example", "US"],
  ["Proseware Health", "proseware.example", "NL"],
  ["Wide World Importers", "wideworldimporters.example", "AU"],
  ["Alpine Ski House", "alpineskihouse.example", "CH"],
  ["Coho Winery", "cohowinery.example", "FR"],
  ["Margie's Travel", "margiestravel.example", "ES"],
  ["Trey Research", "treyresearch.example", "US"],
  ["Lucerne Publishing", "lucernepublishing.example", "IE"],
  ["Graphic Design Institute", "graphicdesigninstitute.example", "SE"],
  ["Relecloud", "relecloud.example", "JP"],
  ["VanArsdel Ltd.", "vanarsdel.example", "IN"],
  ["First Up Consultants", "firstupconsultants.example", "BR"],
  ["Humongous Insurance", "humongousinsurance.example", "US"],
];
/** Fictional numbers in each country's format (the US, UK and Australian ones are in reserved drama ranges). */
const PHONE_PREFIXES: Record<string, string> = {
  US: "+1 425 555",
  CA: "+1 416 555",
  GB: "+44 20 7946",
  DE: "+49 30 901820",
  NL: "+31 20 555",
  AU: "+61 2 5550",
  CH: "+41 44 555",
  FR: "+33 1 99 00",
  ES: "+34 91 555",
  IE: "+353 1 555",
  SE: "+46 8 555",
  JP: "+81 3 5550",
  IN: "+91 80 5555",
  BR: "+55 11 5555",
};
const TITLES = [
  "Head of Data", "IT Director", "BI Analyst", "CTO", "Data Engineer", "VP Sales Operations",
  "Solutions Architect", "Procurement Manager", "Analytics Lead", "CIO", "Cloud Architect", "",
];
const DESCRIPTIONS: Record<string, string> = {
  INS: "Deployed from the marketplace listing.",
  Create: "Created the managed application in the Azure portal.",
  PLT: "Pressed Contact me on AppSource.",
  DNC: "Cross-listed partner page; the customer did not ask to be contacted.",
  StartTestDrive: "Started the 3-hour test drive.",
  ContactMe: "Asked for a scoping call.",
};

/** mulberry32: a small, fixed pseudo-random sequence, so the demo is the same on every run. */
function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Working hours somewhere in Europe or the Americas: between 07:00 and 21:00 UTC. */
function timeOnDay(now: Date, daysAgo: number, random: () => number): Date {
  const day = new Date(now.getTime() - daysAgo * DAY_MS);
  day.setUTCHours(7, 0, 0, 0);
  const at = new Date(day.getTime() + Math.floor(random() * 14 * 60) * 60_000);
  // Today's leads are never in the future.
  return at.getTime() > now.getTime() - HOUR_MS ? new Date(now.getTime() - HOUR_MS - Math.floor(random() * 3 * HOUR_MS)) : at;
}

function offerTitle(key: DemoOfferKey): string {
  return DEMO_OFFERS.find((o) => o.key === key)!.title;
}

function payloadFor(
  person: { first: string; last: string; email: string; phone: string; company: string; country: string; title: string },
  source: string,
  action: string,
  offer: DemoOfferKey,
): HttpsLeadPayload {
  return {
    UserDetails: {
      FirstName: person.first,
      LastName: person.last,
      Email: person.email,
      Phone: person.phone,
      Country: person.country,
      Company: person.company,
      Title: person.title,
    },
    LeadSource: source,
    ActionCode: action,
    OfferTitle: offerTitle(offer),
    Description: DESCRIPTIONS[action] ?? "",
  };
}

export const DEMO_LEAD_COUNT = 58;

/**
 * The demo's captures, oldest first: Microsoft's test lead on day 60, then
 * {@link DEMO_LEAD_COUNT} people over the last 60 days (more of them recently), a
 * `.edu` customer whose personal data Microsoft withholds, and returning customers
 * whose later captures join their first lead as touchpoints.
 */
export function demoCaptures(now: Date): DemoCapture[] {
  const random = sequence(20_240_601);
  const captures: DemoCapture[] = [];
  const testNumber = "638512934405122731";
  const test = `MSFT_TEST_${testNumber}`;
  captures.push({
    offer: "saas",
    role: "test",
    receivedAt: timeOnDay(now, 60, random),
    payload: {
      UserDetails: { FirstName: test, LastName: test, Email: `${test}@test.com`, Phone: "1234567890", Country: "US", Company: test, Title: test },
      LeadSource: test,
      ActionCode: test,
      OfferTitle: offerTitle("saas"),
      Description: test,
    },
  });

  for (let i = 0; i < DEMO_LEAD_COUNT; i++) {
    const offer = OFFER_ROTATION[i % OFFER_ROTATION.length]!;
    const channels = CHANNELS[offer];
    const [source, action] = channels[Math.floor(random() * channels.length)]!;
    const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
    const last = LAST_NAMES[(i * 7) % LAST_NAMES.length]!;
    const [company, domain, country] = COMPANIES[(i * 5) % COMPANIES.length]!;
    const local = `${first}.${last}`.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    // Later days get more leads: the offers were published about two months ago and are picking up.
    const daysAgo = Math.round(59 * (1 - Math.sqrt((i + random()) / DEMO_LEAD_COUNT)));
    const title = TITLES[Math.floor(random() * TITLES.length)]!;
    const phone = random() < 0.7 ? `${PHONE_PREFIXES[country] ?? "+1 425 555"} ${String(1000 + Math.floor(random() * 9000))}` : "";
    captures.push({
      offer,
      role: "lead",
      receivedAt: timeOnDay(now, daysAgo, random),
      payload: payloadFor({ first, last, email: `${local}@${domain}`, phone, company, country, title }, source, action, offer),
    });
  }

  captures.push({
    offer: "saas",
    role: "privacy",
    receivedAt: timeOnDay(now, 12, random),
    payload: payloadFor(
      { first: "Jordan", last: "Reyes", email: "jordan.reyes@westbrook.edu", phone: "+1 617 555 0142", company: "Westbrook University", country: "US", title: "Research Computing Manager" },
      "AzureMarketplace",
      "INS",
      "saas",
    ),
  });

  // Returning customers: Contact me first, then a test drive or a deployment of the same offer.
  const returning: [leadIndex: number, source: Source, action: string, laterDays: number][] = [
    [1, "AppSource (SPZA)", "StartTestDrive", 4],
    [12, "AppSource (SPZA)", "INS", 6],
    [2, "AzureMarketplace", "INS", 9],
    [27, "AzurePortal", "Create", 3],
  ];
  for (const [index, source, action, laterDays] of returning) {
    const first = captures[index + 1]!;
    const at = new Date(Math.min(first.receivedAt.getTime() + laterDays * DAY_MS, now.getTime() - 2 * HOUR_MS));
    captures.push({
      offer: first.offer,
      role: "repeat",
      receivedAt: at,
      payload: { ...first.payload, LeadSource: source, ActionCode: action, Description: DESCRIPTIONS[action] ?? "" },
    });
  }
  return captures.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}

/** Feedback the owner sends about lead quality, naming a few leads. */
export const DEMO_FEEDBACK = {
  category: "MISSING_DATA" as const,
  satisfaction: 3,
  message:
    "Leads from the Azure portal (action Create) often arrive without a phone number or job title, so our team cannot " +
    "tell who to call first. Could Leadrelay show which fields Microsoft left empty, and how often, per offer?",
};
