import { AuditRepository, LEAD_CSV_COLUMNS, leadCsvRecord, leadJsonRecord, LeadRepository, type LeadExportDto } from "@leadrelay/db";
import Papa from "papaparse";
import type { TenantContext } from "../../trpc";
import { resolveLeadFilter } from "./_shared";
import type { ExportLeadsInput } from "./export.schema";

/** Leads in one download from the app; the CLI's `leads export` has no cap (for backups). */
export const EXPORT_MAX_LEADS = 10_000;
const EXPORT_PAGE = 500;

/** One CSV row per lead (owner and pipeline stage included); cells that a spreadsheet would run as a formula are prefixed with `'`. */
export function leadsToCsv(leads: LeadExportDto[]): string {
  return Papa.unparse(
    { fields: [...LEAD_CSV_COLUMNS], data: leads.map((lead) => { const record = leadCsvRecord(lead); return LEAD_CSV_COLUMNS.map((column) => record[column]); }) },
    { escapeFormulae: true },
  );
}

/** The filtered inbox as CSV or JSON text, newest first, capped at EXPORT_MAX_LEADS. */
export async function exportLeadsHandler({ ctx, input }: { ctx: TenantContext; input: ExportLeadsInput }) {
  const filter = await resolveLeadFilter(ctx, input);
  const repository = new LeadRepository(ctx.db);
  const leads: LeadExportDto[] = [];
  let cursor: string | null = null;
  let truncated = false;
  do {
    const page: { items: LeadExportDto[]; nextCursor: string | null } = await repository.listForExport(ctx.tenant.id, filter, {
      cursor,
      limit: Math.min(EXPORT_PAGE, EXPORT_MAX_LEADS - leads.length),
    });
    leads.push(...page.items);
    cursor = page.nextCursor;
    truncated = cursor !== null && leads.length >= EXPORT_MAX_LEADS;
  } while (cursor && !truncated);

  await new AuditRepository(ctx.db).record({
    tenantId: ctx.tenant.id, actorId: ctx.user.id, action: "leads.exported", targetType: "lead",
    data: { format: input.format, count: leads.length, truncated, filter: { ...filter, receivedFrom: filter.receivedFrom?.toISOString(), receivedTo: filter.receivedTo?.toISOString() } },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return {
    format: input.format,
    filename: `leads-${ctx.tenant.slug}-${stamp}.${input.format}`,
    mimeType: input.format === "csv" ? "text/csv" : "application/json",
    count: leads.length,
    truncated,
    content: input.format === "csv" ? leadsToCsv(leads) : JSON.stringify(leads.map(leadJsonRecord), null, 2),
  };
}
