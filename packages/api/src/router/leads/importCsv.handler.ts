import { sha256Hex } from "@leadrelay/crypto";
import { AuditRepository, captureLead, resolveCaptureOffer, type CaptureOffer } from "@leadrelay/db";
import { appError } from "../../errors";
import type { TenantContext } from "../../trpc";
import { requireOffer } from "../offers/_shared";
import { captureStatus, type CaptureStatus } from "./_shared";
import { parseLeadCsv, type CsvLeadRow, type CsvRowError } from "./csv-rows";
import type { ImportCsvInput } from "./importCsv.schema";

export const CSV_MAX_ROWS = 10_000;
/** Errors listed in one answer; the counts cover all of them. */
const MAX_LISTED_ERRORS = 500;
const PREVIEW_SAMPLE_ROWS = 20;
/** Rows stored at once: each is its own transaction, and a few in parallel keep a big file quick. */
const IMPORT_CONCURRENCY = 4;

/**
 * CSV import. Preview checks every row and stores nothing; import stores each valid row
 * through the capture pipeline in its own transaction (a bad row never blocks the rest)
 * and reports the others. A row's idempotency key is its content, so importing the same
 * file twice stores nothing new.
 */
export async function importCsvHandler({ ctx, input }: { ctx: TenantContext; input: ImportCsvInput }) {
  const fileOffer = input.offerId ? await requireOffer(ctx.db, ctx.tenant.id, input.offerId) : null;
  const parsed = parseLeadCsv(input.csv, { now: new Date(), maxRows: CSV_MAX_ROWS });
  if (!parsed.ok) throw appError("BAD_REQUEST", "invalidCsv", parsed.message);

  const summary = {
    totalRows: parsed.totalRows,
    validRows: parsed.rows.length,
    invalidRows: parsed.errors.length,
    columns: parsed.columns,
    errors: parsed.errors.slice(0, MAX_LISTED_ERRORS),
  };
  if (input.preview) {
    return { ...summary, preview: true as const, sample: parsed.rows.slice(0, PREVIEW_SAMPLE_ROWS).map((r) => ({ row: r.row, lead: r.lead })), imported: null, failed: [] };
  }

  const offerFor = offerResolver(ctx, fileOffer && { id: fileOffer.id, publisherId: fileOffer.publisherId, offerId: fileOffer.offerId, title: fileOffer.title });
  const imported: Record<CaptureStatus, number> = { created: 0, merged: 0, duplicate: 0 };
  const failed: CsvRowError[] = [];
  await forEachLimited(parsed.rows, IMPORT_CONCURRENCY, async (row: CsvLeadRow) => {
    try {
      const result = await captureLead(ctx.db, {
        tenantId: ctx.tenant.id,
        channel: "CSV",
        offer: await offerFor(row),
        lead: row.lead,
        rawBody: row.raw,
        idempotencyKey: `csv:${sha256Hex(`${ctx.tenant.id}\n${row.raw}`)}`,
        receivedAt: new Date(),
      });
      imported[captureStatus(result)]++;
    } catch (error) {
      console.error(`CSV import: row ${row.row} could not be stored`, error);
      failed.push({ row: row.row, errors: [{ field: "row", message: "The row could not be stored because of an error on our side; import the file again to retry it." }] });
    }
  });
  failed.sort((a, b) => a.row - b.row);

  await new AuditRepository(ctx.db).record({
    tenantId: ctx.tenant.id, actorId: ctx.user.id, action: "leads.imported", targetType: "lead",
    data: { totalRows: parsed.totalRows, invalidRows: parsed.errors.length, failedRows: failed.length, ...imported, offerId: input.offerId ?? null },
  });
  return { ...summary, preview: false as const, sample: [], imported, failed };
}

/** The file's offer, else the row's own (memoised: a file usually names few offers). */
function offerResolver(ctx: TenantContext, fileOffer: CaptureOffer | null) {
  const cache = new Map<string, Promise<CaptureOffer | null>>();
  return (row: CsvLeadRow): Promise<CaptureOffer | null> => {
    if (fileOffer) return Promise.resolve(fileOffer);
    const key = JSON.stringify([row.lead.offer ?? null, row.lead.offerTitle ?? null]);
    let offer = cache.get(key);
    if (!offer) {
      offer = resolveCaptureOffer(ctx.db, ctx.tenant.id, row.lead);
      cache.set(key, offer);
    }
    return offer;
  };
}

async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
