/**
 * CSV rows → canonical leads, for the CSV import. The header names columns in our export's
 * names (`firstName`, `offer`, …) or in common spellings (`First Name`, `first_name`,
 * `Lead Source`, `Offer Title`); unknown columns are kept as the lead's extra fields.
 */
import { leadSchema, parseLeadSource, parseOfferId, type JsonObject, type Lead } from "@leadrelay/leads";
import Papa from "papaparse";

type CsvField =
  | "firstName"
  | "lastName"
  | "email"
  | "phone"
  | "country"
  | "company"
  | "title"
  | "source"
  | "action"
  | "offer"
  | "offerTitle"
  | "description"
  | "receivedAt";

const CUSTOMER_CSV_FIELDS = ["firstName", "lastName", "email", "phone", "country", "company", "title"] as const;

/** Header spellings, compared lower-cased without spaces, `_` or `-`. */
const HEADER_ALIASES: Record<string, CsvField> = {
  firstname: "firstName",
  givenname: "firstName",
  lastname: "lastName",
  surname: "lastName",
  familyname: "lastName",
  email: "email",
  emailaddress: "email",
  phone: "phone",
  phonenumber: "phone",
  telephone: "phone",
  country: "country",
  company: "company",
  companyname: "company",
  organization: "company",
  organisation: "company",
  title: "title",
  jobtitle: "title",
  source: "source",
  leadsource: "source",
  action: "action",
  actioncode: "action",
  offer: "offer",
  offerref: "offer",
  offertitle: "offerTitle",
  offerdisplayname: "offerTitle",
  offername: "offerTitle",
  description: "description",
  notes: "description",
  receivedat: "receivedAt",
  lastreceivedat: "receivedAt",
  createdtime: "receivedAt",
};

/** Columns of our own export that describe the stored lead, not the capture: skipped on import. */
const EXPORT_ONLY_HEADERS = new Set([
  "id",
  "funnelstage",
  "owner",
  "owneremail",
  "pipelinestage",
  "istest",
  "isprivacyredacted",
  "privacyreason",
  "touchpointcount",
  "firstreceivedat",
]);

const normaliseHeader = (header: string) => header.trim().toLowerCase().replace(/[\s_-]+/gu, "");

export interface CsvRowError {
  /** 1 is the first row after the header. */
  row: number;
  errors: { field: string; message: string }[];
}

export interface CsvLeadRow {
  row: number;
  lead: Lead;
  /** The row as CSV under its header line: the touchpoint's raw body. */
  raw: string;
}

export interface CsvColumns {
  /** Header → the lead field it fills. */
  mapped: Record<string, CsvField>;
  /** Kept in each lead's extra fields. */
  extra: string[];
  /** Columns of a Leadrelay export that are not capture data. */
  skipped: string[];
}

export type ParsedCsv =
  | { ok: true; columns: CsvColumns; rows: CsvLeadRow[]; errors: CsvRowError[]; totalRows: number }
  | { ok: false; message: string };

/** Excel-safe exports prefix formula-like cells with `'`; the import takes that back off. */
function unescapeFormula(value: string): string {
  return /^'[=+\-@\t\r]/u.test(value) ? value.slice(1) : value;
}

/** A date alone (`2026-11-20`) is midnight UTC; anything else must be ISO 8601 with a time zone. */
function receivedAtText(value: string | undefined, now: Date): string | Date {
  if (!value) return now;
  return /^\d{4}-\d{2}-\d{2}$/u.test(value) ? `${value}T00:00:00Z` : value;
}

function fieldOfIssue(path: readonly PropertyKey[]): string {
  const [first, second] = path.map(String);
  if (first === "customer" && second) return second;
  if (first === "offer") return "offer";
  return first ?? "row";
}

export function parseLeadCsv(csv: string, options: { now: Date; maxRows: number }): ParsedCsv {
  const result = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/u, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (header) => header.trim(),
  });
  const headers = (result.meta.fields ?? []).filter((h) => h !== "");
  const columns: CsvColumns = { mapped: {}, extra: [], skipped: [] };
  for (const header of headers) {
    const key = normaliseHeader(header);
    const field = HEADER_ALIASES[key];
    if (field && !Object.values(columns.mapped).includes(field)) columns.mapped[header] = field;
    else if (EXPORT_ONLY_HEADERS.has(key)) columns.skipped.push(header);
    else columns.extra.push(header);
  }
  if (Object.keys(columns.mapped).length === 0) {
    return {
      ok: false,
      message:
        "The first line must name the columns, and none of them is a lead field. Use names such as firstName, lastName, email, phone, country, company, title, source, action, offer, offerTitle, description, receivedAt.",
    };
  }
  if (result.data.length > options.maxRows) {
    return { ok: false, message: `The file has ${result.data.length} rows; import at most ${options.maxRows} at a time by splitting it.` };
  }

  const structural = new Map<number, string[]>();
  for (const error of result.errors) {
    if (error.row === undefined || error.row === null) continue;
    structural.set(error.row, [...(structural.get(error.row) ?? []), error.message]);
  }

  const rows: CsvLeadRow[] = [];
  const errors: CsvRowError[] = [];
  result.data.forEach((record, index) => {
    const row = index + 1;
    const problems = structural.get(index);
    if (problems) {
      errors.push({ row, errors: problems.map((message) => ({ field: "row", message })) });
      return;
    }
    const outcome = rowToLead(record, columns, options.now);
    if (!outcome.ok) {
      errors.push({ row, errors: outcome.errors });
      return;
    }
    rows.push({ row, lead: outcome.lead, raw: Papa.unparse({ fields: headers, data: [headers.map((h) => record[h] ?? "")] }) });
  });
  return { ok: true, columns, rows, errors, totalRows: result.data.length };
}

type RowOutcome = { ok: true; lead: Lead } | { ok: false; errors: { field: string; message: string }[] };

function rowToLead(record: Record<string, string>, columns: CsvColumns, now: Date): RowOutcome {
  const values: Partial<Record<CsvField, string>> = {};
  for (const [header, field] of Object.entries(columns.mapped)) {
    const value = unescapeFormula(record[header]?.trim() ?? "");
    if (value !== "") values[field] = value;
  }
  const extraFields: JsonObject = {};
  for (const header of columns.extra) {
    const value = record[header]?.trim();
    if (value) extraFields[header] = unescapeFormula(value);
  }

  const errors: { field: string; message: string }[] = [];
  const offer = values.offer === undefined ? undefined : parseOfferId(values.offer);
  if (values.offer !== undefined && !offer) {
    errors.push({ field: "offer", message: `"${values.offer}" is not publisherid.offerid (e.g. contoso.crm-connector)` });
  }
  if (values.email !== undefined && !/^[^\s@]+@[^\s@]+$/u.test(values.email)) {
    errors.push({ field: "email", message: `"${values.email}" is not an e-mail address` });
  }
  // A whole marketplace LeadSource (`AzureMarketplace-INS|publisher.offer`) is split as the parsers split it.
  const fromLeadSource = values.source === undefined ? {} : parseLeadSource(values.source, { actionCode: values.action });

  const parsed = leadSchema.safeParse({
    customer: Object.fromEntries(CUSTOMER_CSV_FIELDS.map((field) => [field, values[field]])),
    source: fromLeadSource.source,
    action: values.action ?? fromLeadSource.action,
    offer: offer ?? fromLeadSource.offer,
    offerTitle: values.offerTitle ?? fromLeadSource.offerTitle,
    description: values.description,
    receivedAt: receivedAtText(values.receivedAt, now),
    extraFields,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfIssue(issue.path);
      errors.push({
        field,
        message: field === "receivedAt" ? `"${values.receivedAt}" is not a date; use 2026-11-20 or 2026-11-20T10:00:00Z` : issue.message,
      });
    }
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };

  const lead = parsed.data;
  const describesALead = CUSTOMER_CSV_FIELDS.some((field) => lead.customer[field] !== undefined) || lead.source !== undefined || lead.offer !== undefined;
  if (!describesALead) return { ok: false, errors: [{ field: "row", message: "The row has no customer details, source or offer" }] };
  return { ok: true, lead };
}
