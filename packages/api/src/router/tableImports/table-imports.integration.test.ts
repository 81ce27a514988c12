/**
 * The Azure Table imports API against Azurite (started here) and PostgreSQL: validation
 * with field messages, the SSRF rule, a connection string that never leaves the server,
 * "Test connection", "Sync now" queuing the import's one job (run here as the worker
 * would), and who may do what. A database of its own: no other file's worker takes its jobs.
 */
import { disconnectDb, getDb } from "@leadrelay/db";
import { startAzuriteTable, writeTableRows, type AzuriteTable } from "@leadrelay/destinations/testing";
import { runAzureTableImport } from "@leadrelay/worker";
import { createIsolatedDatabase } from "@leadrelay/worker/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, auditEvents, expectAppError, expectInvalidInput, signUp, uid } from "../../test/factories";

const ENV_KEYS = ["DATABASE_URL", "LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS"] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

let database: { url: string; drop: () => Promise<void> };
let azurite: AzuriteTable;

beforeAll(async () => {
  [database, azurite] = await Promise.all([createIsolatedDatabase(process.env.DATABASE_URL, "tableimports"), startAzuriteTable()]);
  process.env.DATABASE_URL = database.url;
  // Azurite listens on 127.0.0.1.
  process.env.LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS = "true";
});

afterAll(async () => {
  await disconnectDb();
  await Promise.allSettled([database?.drop(), azurite?.stop()]);
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

function row(n: number, tag: string) {
  return {
    PartitionKey: "2024-06-01",
    RowKey: `${tag}-${n}`,
    ActionCode: "PLT",
    CreatedTime: "2024-06-01T09:00:00Z",
    CustomerInfo: JSON.stringify({ FirstName: `Grace${n}`, LastName: "Hopper", Email: `grace${n}-${tag}@fabrikam.example`, Company: "Fabrikam" }),
    Description: "Contact me",
    LeadSource: "AppSource (SPZA)-PLT|fabrikam.crm-connector",
    OfferDisplayName: "Fabrikam CRM Connector",
  };
}

const jobsOf = (importId: string) =>
  getDb().$queryRaw<{ key: string }[]>`SELECT key FROM graphile_worker.jobs WHERE key = ${`azure-table-import:${importId}`}`;

describe("tableImports", () => {
  it("creates an import without ever returning the connection string, syncs it now, and lists the status", async () => {
    const owner = await signUp({ label: "tables" });
    const tag = uid();
    const tableName = `Leads${tag}`;
    await writeTableRows(azurite.connectionString, tableName, [row(1, tag), row(2, tag)]);

    const created = await owner.caller.tableImports.create({ name: "Marketplace table", connectionString: azurite.connectionString, tableName });
    expect(created).toMatchObject({ name: "Marketplace table", tableName, enabled: true, intervalMinutes: 15, accountName: "dev•••t1", syncState: "queued", totalImported: 0 });
    const text = JSON.stringify(created);
    expect(text).not.toContain("AccountKey");
    expect(text).not.toContain("devstoreaccount1");
    expect(text).not.toContain(azurite.tableEndpoint);
    const stored = await getDb().azureTableImport.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.secretsCiphertext).not.toContain("devstoreaccount1");

    // Created enabled: its first sync is queued at once; "Sync now" keeps it one job.
    await owner.caller.tableImports.syncNow({ id: created.id });
    expect(await jobsOf(created.id)).toHaveLength(1);

    expect(await owner.caller.tableImports.test({ id: created.id })).toMatchObject({ ok: true, hasRows: true });

    // What the worker does with the job.
    expect(await runAzureTableImport(created.id, { db: getDb(), allowPrivateNetwork: true })).toMatchObject({ status: "ok", imported: 2 });
    const [listed] = await owner.caller.tableImports.list();
    expect(listed).toMatchObject({ id: created.id, lastImportedCount: 2, totalImported: 2, lastSyncError: null });
    expect(listed!.lastSyncAt).toBeInstanceOf(Date);
    expect(listed!.nextSyncAt).toBeInstanceOf(Date);
    const leads = await owner.caller.leads.list({});
    expect(leads.items.map((l) => l.email).sort()).toEqual([`grace1-${tag}@fabrikam.example`, `grace2-${tag}@fabrikam.example`]);

    const [audit] = await auditEvents(owner.tenant.id, "tableImport.created");
    expect(audit).toMatchObject({ targetType: "tableImport", targetId: created.id });
    expect(JSON.stringify(audit)).not.toContain("AccountKey");
  });

  it("refuses bad settings with field messages", async () => {
    const owner = await signUp({ label: "tables" });
    const base = { name: "Table", connectionString: azurite.connectionString, tableName: "MarketplaceLeads" };
    const [noKey] = await expectInvalidInput(owner.caller.tableImports.create({ ...base, connectionString: "DefaultEndpointsProtocol=https;AccountName=contoso" }), "connectionString");
    expect(noKey).toMatch(/whole connection string/);
    const [broken] = await expectInvalidInput(owner.caller.tableImports.create({ ...base, connectionString: "DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=abc$%" }), "connectionString");
    expect(broken).toMatch(/AccountKey .* incomplete/);
    expect(await expectInvalidInput(owner.caller.tableImports.create({ ...base, tableName: "1bad-name" }), "tableName")).toEqual([
      expect.stringMatching(/3 to 63 letters and digits/),
    ]);
    await expectInvalidInput(owner.caller.tableImports.create({ ...base, name: "  " }), "name");
    await expectInvalidInput(owner.caller.tableImports.create({ ...base, intervalMinutes: 1 }), "intervalMinutes");
    // The older docs' JSON wrapper is accepted.
    const wrapped = await owner.caller.tableImports.create({ ...base, connectionString: JSON.stringify({ connectionString: azurite.connectionString }) });
    expect(wrapped.accountName).toBe("dev•••t1");
  });

  it("refuses a storage endpoint on a private network unless LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS is on", async () => {
    const owner = await signUp({ label: "tables" });
    process.env.LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS = "false";
    try {
      const error = await expectAppError(owner.caller.tableImports.create({ name: "Local", connectionString: azurite.connectionString, tableName: "MarketplaceLeads" }), {
        code: "BAD_REQUEST",
        reason: "unsafeStorageEndpoint",
      });
      const fieldErrors = (error.cause as { issues?: { path: PropertyKey[] }[] } | undefined)?.issues?.map((issue) => issue.path[0]);
      expect(fieldErrors).toEqual(["connectionString"]);
      const metadata = "DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=" + Buffer.alloc(64, 2).toString("base64") + ";TableEndpoint=https://169.254.169.254/contoso;";
      await expectAppError(owner.caller.tableImports.create({ name: "Metadata", connectionString: metadata, tableName: "MarketplaceLeads" }), {
        code: "BAD_REQUEST",
        reason: "unsafeStorageEndpoint",
      });
      expect(await getDb().azureTableImport.count({ where: { tenantId: owner.tenant.id } })).toBe(0);
    } finally {
      process.env.LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS = "true";
    }
  });

  it("updates without revealing the connection string, replaces it on request, pauses and deletes", async () => {
    const owner = await signUp({ label: "tables" });
    const created = await owner.caller.tableImports.create({ name: "Table", connectionString: azurite.connectionString, tableName: "MarketplaceLeads", enabled: false });
    expect(created).toMatchObject({ enabled: false, nextSyncAt: null, syncState: "idle" });
    expect(await jobsOf(created.id)).toHaveLength(0);

    const renamed = await owner.caller.tableImports.update({ id: created.id, name: "Renamed", intervalMinutes: 60, enabled: true });
    expect(renamed).toMatchObject({ name: "Renamed", intervalMinutes: 60, enabled: true, accountName: "dev•••t1" });
    expect(renamed.nextSyncAt).toBeInstanceOf(Date);
    const before = await getDb().azureTableImport.findUniqueOrThrow({ where: { id: created.id } });

    // A wrong key: the test says so, the next sync stores the error (not a crash).
    const wrongKey = azurite.connectionString.replace(/AccountKey=[^;]+/, `AccountKey=${Buffer.alloc(64, 9).toString("base64")}`);
    await owner.caller.tableImports.update({ id: created.id, connectionString: wrongKey });
    const after = await getDb().azureTableImport.findUniqueOrThrow({ where: { id: created.id } });
    expect(after.secretsCiphertext).not.toBe(before.secretsCiphertext);
    const probe = await owner.caller.tableImports.test({ id: created.id });
    expect(probe).toMatchObject({ ok: false });
    expect(probe.message).toMatch(/refused the connection string's key/);
    await runAzureTableImport(created.id, { db: getDb(), allowPrivateNetwork: true });
    expect((await owner.caller.tableImports.list())[0]!.lastSyncError).toMatch(/refused the connection string's key/);

    const paused = await owner.caller.tableImports.update({ id: created.id, enabled: false });
    expect(paused).toMatchObject({ enabled: false, nextSyncAt: null });

    const [updatedAudit] = await auditEvents(owner.tenant.id, "tableImport.updated");
    expect(updatedAudit!.data).toMatchObject({ connectionStringReplaced: false, changed: ["enabled"] });
    expect(JSON.stringify(await auditEvents(owner.tenant.id))).not.toContain(Buffer.alloc(64, 9).toString("base64"));

    await owner.caller.tableImports.syncNow({ id: created.id });
    await owner.caller.tableImports.delete({ id: created.id });
    expect(await owner.caller.tableImports.list()).toEqual([]);
    expect(await jobsOf(created.id)).toHaveLength(0);
    expect(await auditEvents(owner.tenant.id, "tableImport.deleted")).toHaveLength(1);
    await expectAppError(owner.caller.tableImports.syncNow({ id: created.id }), { code: "NOT_FOUND", reason: "tableImportNotFound" });
  });

  it("lets members read and only owners and admins change", async () => {
    const owner = await signUp({ label: "tables" });
    const member = await addMember(owner.caller, { role: "MEMBER" });
    const admin = await addMember(owner.caller, { role: "ADMIN" });
    const created = await admin.caller.tableImports.create({ name: "By admin", connectionString: azurite.connectionString, tableName: "MarketplaceLeads", enabled: false });
    expect((await member.caller.tableImports.list()).map((i) => i.id)).toEqual([created.id]);
    await expectAppError(member.caller.tableImports.syncNow({ id: created.id }), { code: "FORBIDDEN", reason: "adminOnly" });
    await expectAppError(member.caller.tableImports.delete({ id: created.id }), { code: "FORBIDDEN", reason: "adminOnly" });
  });
});
