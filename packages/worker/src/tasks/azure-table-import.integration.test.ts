/**
 * The Azure Table import against Azurite (real Table storage, started here) and a database
 * of its own (the worker test takes every job of its database).
 */
import { randomBytes } from "node:crypto";
import { encryptJson } from "@leadrelay/crypto";
import { AzureTableImportRepository, azureTableImportJobKey, captureLead, createDb, type Db } from "@leadrelay/db";
import { startAzuriteTable, writeTableRows, type AzuriteTable, type MarketplaceRowInput } from "@leadrelay/destinations/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker } from "../start-worker";
import { createIsolatedDatabase, createTestTenant, waitFor } from "../testing";
import { azureTableIdempotencyKey, runAzureTableImport } from "./azure-table-import";

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let azurite: AzuriteTable;

beforeAll(async () => {
  [database, azurite] = await Promise.all([createIsolatedDatabase(process.env.DATABASE_URL, "tableimport"), startAzuriteTable()]);
  db = createDb(database.url, 4);
});

afterAll(async () => {
  await db?.$disconnect();
  await Promise.allSettled([database?.drop(), azurite?.stop()]);
});

const uid = () => randomBytes(4).toString("hex");

/** A row in the shape Microsoft writes to MarketplaceLeads (CustomerInfo is one JSON string). */
function marketplaceRow(n: number, tag: string, overrides: Partial<MarketplaceRowInput> = {}): MarketplaceRowInput {
  return {
    PartitionKey: "2024-05-01",
    RowKey: `${tag}-${String(n).padStart(3, "0")}`,
    ActionCode: "INS",
    CreatedTime: `5/1/2024 10:${String(n % 60).padStart(2, "0")}:00 AM`,
    CustomerInfo: JSON.stringify({
      FirstName: `Ada${n}`,
      LastName: "Lovelace",
      Email: `ada${n}-${tag}@contoso.example`,
      Phone: "+44 20 7946 0000",
      Country: "GB",
      Company: `Contoso ${n}`,
      Title: "CTO",
    }),
    Description: "Interested in the enterprise plan",
    LeadSource: "AzureMarketplace-INS|contoso.analytics",
    OfferDisplayName: "Contoso Analytics",
    ...overrides,
  };
}

async function createImport(tenantId: string, tableName: string, connectionString = azurite.connectionString) {
  return new AzureTableImportRepository(db).create({
    tenantId,
    offerId: null,
    name: `Import ${uid()}`,
    tableName,
    secretsCiphertext: encryptJson({ connectionString }),
    enabled: true,
    intervalMinutes: 15,
    nextSyncAt: null,
  });
}

const touchpoints = (tenantId: string) => db.touchpoint.findMany({ where: { tenantId, channel: "AZURE_TABLE" }, select: { idempotencyKey: true, rawBody: true } });
const stored = (id: string) => db.azureTableImport.findUniqueOrThrow({ where: { id } });
const table = () => `Leads${uid()}`;

describe("Azure Table import (Azurite + PostgreSQL)", () => {
  it("imports the marketplace's rows as leads, and a second run stores nothing twice", async () => {
    const { tenantId } = await createTestTenant(db, "tableimport");
    const name = table();
    const tag = uid();
    await writeTableRows(azurite.connectionString, name, [1, 2, 3].map((n) => marketplaceRow(n, tag)));
    const imp = await createImport(tenantId, name);

    const first = await runAzureTableImport(imp.id, { db, allowPrivateNetwork: true });
    expect(first).toMatchObject({ status: "ok", imported: 3, skipped: 0, error: null });

    const leads = await db.lead.findMany({ where: { tenantId }, orderBy: { firstName: "asc" } });
    expect(leads.map((l) => [l.firstName, l.email, l.company, l.action, l.offerTitle, l.funnelStage])).toEqual(
      [1, 2, 3].map((n) => [`Ada${n}`, `ada${n}-${tag}@contoso.example`, `Contoso ${n}`, "INS", "Contoso Analytics", "ACTIVE"]),
    );
    // The marketplace's creation time, not the import's.
    expect(leads[0]!.firstReceivedAt.toISOString()).toBe("2024-05-01T10:01:00.000Z");
    const tps = await touchpoints(tenantId);
    expect(tps).toHaveLength(3);
    expect(JSON.parse(tps[0]!.rawBody!)).toMatchObject({ PartitionKey: "2024-05-01", LeadSource: "AzureMarketplace-INS|contoso.analytics" });

    const afterFirst = await stored(imp.id);
    expect(afterFirst).toMatchObject({ lastSyncError: null, lastImportedCount: 3, totalImported: 3 });
    expect(afterFirst.checkpointAt).not.toBeNull();
    expect(afterFirst.lastSyncAt).not.toBeNull();
    expect(afterFirst.nextSyncAt!.getTime() - afterFirst.lastSyncAt!.getTime()).toBe(15 * 60_000);

    const second = await runAzureTableImport(imp.id, { db, allowPrivateNetwork: true });
    expect(second).toMatchObject({ status: "ok", imported: 0 });
    expect(await touchpoints(tenantId)).toHaveLength(3);

    // Even with the checkpoint lost, re-reading the whole table stores nothing twice (idempotency keys).
    await db.azureTableImport.update({ where: { id: imp.id }, data: { checkpointAt: null, checkpointKeys: [] } });
    await runAzureTableImport(imp.id, { db, allowPrivateNetwork: true });
    expect(await touchpoints(tenantId)).toHaveLength(3);
    expect(await db.lead.count({ where: { tenantId } })).toBe(3);

    // A new row written later is imported by the next run, and only it.
    await writeTableRows(azurite.connectionString, name, [marketplaceRow(4, tag)]);
    expect(await runAzureTableImport(imp.id, { db, allowPrivateNetwork: true })).toMatchObject({ status: "ok", imported: 1 });
    expect(await db.lead.count({ where: { tenantId } })).toBe(4);
    expect((await stored(imp.id)).totalImported).toBe(4);
  });

  it("resumes after a crash from the last saved page without storing any row twice", async () => {
    const { tenantId } = await createTestTenant(db, "tableimport");
    const name = table();
    const tag = uid();
    const timestamps = await writeTableRows(azurite.connectionString, name, [1, 2, 3, 4, 5].map((n) => marketplaceRow(n, tag)));
    const imp = await createImport(tenantId, name);

    // The process dies while storing the 4th row: pages of 2, so page 1 is saved and page 2 is half stored.
    let calls = 0;
    const crashing: typeof captureLead = async (database, input) => {
      calls++;
      if (calls === 4) throw new Error("worker killed");
      return captureLead(database, input);
    };
    await expect(runAzureTableImport(imp.id, { db, allowPrivateNetwork: true, pageSize: 2, capture: crashing })).rejects.toThrow("worker killed");

    const afterCrash = await stored(imp.id);
    const sorted = [...timestamps].sort();
    expect(afterCrash.checkpointAt!.getTime()).toBe(Math.floor(Date.parse(sorted[1]!)));
    expect(afterCrash.totalImported).toBe(3);
    expect(afterCrash.lastSyncError).toContain("worker killed");
    expect(await touchpoints(tenantId)).toHaveLength(3);

    // The next run reads from the checkpoint: rows 1–2 are not read again, row 3 (stored, not yet counted) is not stored again.
    const seen: string[] = [];
    const watching: typeof captureLead = async (database, input) => {
      seen.push(input.idempotencyKey);
      return captureLead(database, input);
    };
    const resumed = await runAzureTableImport(imp.id, { db, allowPrivateNetwork: true, pageSize: 2, capture: watching });
    expect(resumed).toMatchObject({ status: "ok", imported: 2, error: null });
    expect(seen).toHaveLength(3);

    const tps = await touchpoints(tenantId);
    expect(tps).toHaveLength(5);
    expect(new Set(tps.map((t) => t.idempotencyKey)).size).toBe(5);
    expect(await db.lead.count({ where: { tenantId } })).toBe(5);
    expect(await stored(imp.id)).toMatchObject({ totalImported: 5, lastImportedCount: 2, lastSyncError: null });
    expect(tps.map((t) => t.idempotencyKey)).toContain(
      azureTableIdempotencyKey(imp.id, { partitionKey: "2024-05-01", rowKey: `${tag}-001`, timestamp: timestamps[0]! }),
    );
  });

  it("keeps rows that share a Timestamp apart with the checkpoint's keys", async () => {
    const { tenantId } = await createTestTenant(db, "tableimport");
    const name = table();
    const tag = uid();
    const timestamps = await writeTableRows(azurite.connectionString, name, [1, 2, 3].map((n) => marketplaceRow(n, tag)));
    const imp = await createImport(tenantId, name);
    // As if rows 1 and 2 were stored in a page ending at row 2's millisecond: row 1 lies before it, row 2 is in the keys.
    const sorted = timestamps.map((ts, i) => ({ ts, n: i + 1 })).sort((a, b) => a.ts.localeCompare(b.ts));
    await db.azureTableImport.update({
      where: { id: imp.id },
      data: { checkpointAt: new Date(Math.floor(Date.parse(sorted[1]!.ts))), checkpointKeys: [JSON.stringify(["2024-05-01", `${tag}-00${sorted[1]!.n}`])] },
    });
    const result = await runAzureTableImport(imp.id, { db, allowPrivateNetwork: true });
    expect(result.imported).toBe(1);
    expect((await db.lead.findMany({ where: { tenantId } })).map((l) => l.firstName)).toEqual([`Ada${sorted[2]!.n}`]);
  });

  it("stores a clear error, and does not throw, when the table cannot be read", async () => {
    const { tenantId } = await createTestTenant(db, "tableimport");
    const cases: [connectionString: string, tableName: string, expected: RegExp][] = [
      [azurite.connectionString, `Missing${uid()}`, /does not exist in this storage account/],
      [azurite.connectionString.replace(/AccountKey=[^;]+/, `AccountKey=${Buffer.alloc(64, 1).toString("base64")}`), table(), /refused the connection string's key/],
      [azurite.connectionString.replace(/127\.0\.0\.1:\d+/, "127.0.0.1:1"), table(), /Could not reach Azure Table storage at 127\.0\.0\.1:1/],
    ];
    await writeTableRows(azurite.connectionString, cases[1]![1], [marketplaceRow(1, uid())]);
    for (const [connectionString, tableName, expected] of cases) {
      const imp = await createImport(tenantId, tableName, connectionString);
      const result = await runAzureTableImport(imp.id, { db, allowPrivateNetwork: true });
      expect(result.status).toBe("failed");
      expect(result.error).toMatch(expected);
      const row = await stored(imp.id);
      expect(row.lastSyncError).toMatch(expected);
      expect(row.lastSyncAt).not.toBeNull();
      expect(row.nextSyncAt).not.toBeNull();
    }
    // Without the private-network allowance, Azurite's loopback endpoint is refused before any request.
    const local = await createImport(tenantId, table());
    expect((await runAzureTableImport(local.id, { db, allowPrivateNetwork: false })).error).toMatch(/^Refused to connect: Only https URLs are allowed/);
    expect(await db.lead.count({ where: { tenantId } })).toBe(0);
  });

  it("reports rows that carry no lead without stopping the import", async () => {
    const { tenantId } = await createTestTenant(db, "tableimport");
    const name = table();
    const tag = uid();
    await writeTableRows(azurite.connectionString, name, [
      marketplaceRow(1, tag),
      { PartitionKey: "2024-05-01", RowKey: `${tag}-junk`, Note: "not a lead" },
    ]);
    const imp = await createImport(tenantId, name);
    const result = await runAzureTableImport(imp.id, { db, allowPrivateNetwork: true });
    expect(result).toMatchObject({ status: "ok", imported: 1, skipped: 1 });
    expect((await stored(imp.id)).lastSyncError).toMatch(/1 row was not imported because it carries no lead \(first: row PartitionKey "2024-05-01", RowKey "[0-9a-f]+-junk"/);
  });

  it("runs through the job queue: the scheduler queues due imports, one job per import, and the worker imports", async () => {
    const { tenantId } = await createTestTenant(db, "tableimport");
    const name = table();
    const tag = uid();
    await writeTableRows(azurite.connectionString, name, [1, 2].map((n) => marketplaceRow(n, tag)));
    const imports = new AzureTableImportRepository(db);
    const due = await createImport(tenantId, name);
    const later = await createImport(tenantId, table());
    const disabled = await createImport(tenantId, table());
    await db.azureTableImport.update({ where: { id: due.id }, data: { nextSyncAt: new Date(Date.now() - 1000) } });
    await db.azureTableImport.update({ where: { id: later.id }, data: { nextSyncAt: new Date(Date.now() + 3_600_000) } });
    await db.azureTableImport.update({ where: { id: disabled.id }, data: { enabled: false, nextSyncAt: new Date(Date.now() - 1000) } });

    const queued = await db.$transaction((tx) => new AzureTableImportRepository(tx).queueDue(new Date()));
    expect(queued).toEqual([due.id]);
    // "Sync now" on the same import while its job waits: still one job.
    await imports.enqueueSync(due.id);
    const jobs = await db.$queryRaw<{ key: string; queue_name: string }[]>`
      SELECT key, queue_name FROM graphile_worker.jobs WHERE key = ${azureTableImportJobKey(due.id)}`;
    expect(jobs).toEqual([{ key: azureTableImportJobKey(due.id), queue_name: azureTableImportJobKey(due.id) }]);
    expect([...(await imports.jobStates([due.id, later.id]))]).toEqual([[due.id, "queued"]]);
    // The claim moved the next sync time on, so the next minute's scheduler does not queue it again.
    expect(await db.$transaction((tx) => new AzureTableImportRepository(tx).queueDue(new Date()))).toEqual([]);

    const worker = await startWorker({ connectionString: database.url, concurrency: 2, pollIntervalMs: 100, settings: { allowPrivateNetwork: true } });
    try {
      await waitFor(async () => (await db.lead.count({ where: { tenantId } })) === 2, 20_000, "the worker to import the rows");
      await waitFor(async () => (await imports.jobStates([due.id])).size === 0, 10_000, "the job to finish");
    } finally {
      await worker.stop();
    }
    expect(await stored(due.id)).toMatchObject({ lastImportedCount: 2, totalImported: 2, lastSyncError: null });
  });
});
