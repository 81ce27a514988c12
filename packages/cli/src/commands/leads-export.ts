import { LEAD_CSV_COLUMNS, leadCsvRecord, leadJsonRecord, LeadRepository, TenantRepository, type Db, type LeadExportDto } from "@leadrelay/db";
import { type Command, Option } from "commander";
import Papa from "papaparse";
import { withDatabase } from "../database";
import { CliError } from "../errors";
import { logLine } from "../output";

export type ExportFormat = "json" | "csv";

const PAGE_SIZE = 500;

/** `2026-11-20` (midnight UTC) or an ISO date-time with a time zone. */
export function parseSince(raw: string): Date {
  const text = raw.trim();
  const iso = /^\d{4}-\d{2}-\d{2}$/u.test(text) ? `${text}T00:00:00Z` : text;
  const date = /^\d{4}-\d{2}-\d{2}T/u.test(iso) ? new Date(iso) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new CliError(`--since "${raw}" is not a date. Use 2026-11-20 or 2026-11-20T10:00:00Z.`);
  return date;
}

function csvRows(leads: LeadExportDto[], withHeader: boolean): string {
  const data = leads.map((lead) => {
    const record = leadCsvRecord(lead);
    return LEAD_CSV_COLUMNS.map((column) => record[column]);
  });
  // escapeFormulae: a spreadsheet must not run `=…` typed into a marketplace form; the app's import strips the `'` again.
  return Papa.unparse({ fields: [...LEAD_CSV_COLUMNS], data }, { header: withHeader, escapeFormulae: true, newline: "\n" });
}

/**
 * Writes every lead of the tenant (test leads included; a backup leaves nothing out),
 * newest first, page by page so memory stays flat however many there are. JSON is one
 * array; CSV has one row per lead. Returns how many were written.
 */
export async function exportLeads(
  db: Db,
  input: { tenant: string; format: ExportFormat; since?: Date },
  write: (chunk: string) => Promise<void>,
): Promise<number> {
  const tenant = await new TenantRepository(db).findBySlug(input.tenant.trim());
  if (!tenant) throw new CliError(`No tenant with the slug "${input.tenant}".`);
  const leads = new LeadRepository(db);
  const filter = { includeTest: true, ...(input.since ? { receivedFrom: input.since } : {}) };

  let count = 0;
  let cursor: string | null = null;
  if (input.format === "json") await write("[");
  do {
    const page: { items: LeadExportDto[]; nextCursor: string | null } = await leads.listForExport(tenant.id, filter, { limit: PAGE_SIZE, cursor });
    if (input.format === "json") {
      for (const lead of page.items) await write(`${count++ === 0 ? "\n" : ",\n"}${JSON.stringify(leadJsonRecord(lead))}`);
    } else if (page.items.length > 0 || count === 0) {
      const rows = csvRows(page.items, count === 0);
      if (rows) await write(`${rows}\n`);
      count += page.items.length;
    }
    cursor = page.nextCursor;
  } while (cursor);
  if (input.format === "json") await write(count === 0 ? "]\n" : "\n]\n");
  return count;
}

/** Waits when the pipe is full, so a slow reader does not make the export buffer everything. */
function writeStdout(chunk: string): Promise<void> {
  return process.stdout.write(chunk) ? Promise.resolve() : new Promise((resolve) => process.stdout.once("drain", () => resolve()));
}

export function registerLeadsExportCommand(program: Command): void {
  const leads = program.commands.find((c) => c.name() === "leads") ?? program.command("leads").description("work with a tenant's leads");
  leads
    .command("export")
    .description("write a tenant's leads to stdout, for backups, migrations and scripts")
    .requiredOption("--tenant <slug>", "the tenant's slug")
    .addOption(new Option("--format <format>", "json: one array of leads with their touchpoints; csv: one row per lead").choices(["json", "csv"]).makeOptionMandatory())
    .option("--since <date>", "only leads that arrived on or after this date (2026-11-20 or an ISO date-time)")
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  pnpm leadrelay leads export --tenant acme-media --format json > leads.json\n" +
        "  pnpm leadrelay leads export --tenant acme-media --format csv --since 2026-11-01 > november.csv",
    )
    .action(async (options: { tenant: string; format: ExportFormat; since?: string }) => {
      const since = options.since === undefined ? undefined : parseSince(options.since);
      const count = await withDatabase(({ db }) => exportLeads(db, { tenant: options.tenant, format: options.format, since }, writeStdout));
      logLine(`Exported ${count} lead${count === 1 ? "" : "s"}.`);
    });
}
