import { TableClient } from "@azure/data-tables";
import { parseAzureTableEntity, toAzureTableEntity } from "@leadrelay/leads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { FakeHttpServer } from "../testing/fake-http-server";
import { testDeliveryContext } from "../testing/context";
import { sampleLead } from "../testing/sample-leads";
import { azureTableAdapter, azureTableKeys } from "./adapter";
import {
  azureTableConfigSchema,
  azureTableSecretsSchema,
  connectionStringWarnings,
} from "./config";
import { AZURITE_KEY, startAzuriteTable, type AzuriteTable } from "./fake";

let azurite: AzuriteTable;

beforeAll(async () => {
  azurite = await startAzuriteTable();
}, 40_000);

afterAll(async () => {
  await azurite?.stop();
});

function tableClient(tableName: string): TableClient {
  return TableClient.fromConnectionString(azurite.connectionString, tableName, {
    allowInsecureConnection: true,
  });
}

describe("Azure Table adapter (against Azurite)", () => {
  it("creates the table and writes the marketplace's row shape, which parses back into the same lead", async () => {
    const lead = sampleLead();
    const ctx = testDeliveryContext({ idempotencyKey: "dlv_first" });
    const config = azureTableConfigSchema.parse({});
    const outcome = await azureTableAdapter.deliver(
      lead,
      config,
      { connectionString: azurite.connectionString },
      ctx,
    );
    expect(outcome).toEqual({
      kind: "delivered",
      externalId: "MarketplaceLeads(PartitionKey='2026-03-02',RowKey='dlv_first')",
    });

    const entity = await tableClient("MarketplaceLeads").getEntity("2026-03-02", "dlv_first");
    const { partitionKey, rowKey, ...columns } = entity;
    expect({ PartitionKey: partitionKey, RowKey: rowKey, ...columns }).toMatchObject(
      toAzureTableEntity(lead, { partitionKey: "2026-03-02", rowKey: "dlv_first" }),
    );
    expect(JSON.parse(String(entity.CustomerInfo))).toEqual({
      FirstName: "Aisha",
      LastName: "Bello-O'Neil",
      Email: "aisha@woodgrove.example",
      Phone: "+234 1 234 5678",
      Country: "NG",
      Company: "Woodgrove <Bank> & Trust",
      Title: "CISO",
    });

    const parsed = parseAzureTableEntity(entity, { receivedAt: new Date() });
    expect(parsed.ok && parsed.lead).toEqual(lead);
  });

  it("overwrites the same row when a delivery is retried", async () => {
    const config = azureTableConfigSchema.parse({ tableName: "RetriedLeads" });
    const ctx = testDeliveryContext({ idempotencyKey: "dlv_retry" });
    await azureTableAdapter.deliver(
      sampleLead(),
      config,
      { connectionString: azurite.connectionString },
      ctx,
    );
    const second = await azureTableAdapter.deliver(
      sampleLead({ description: "second attempt" }),
      config,
      { connectionString: azurite.connectionString },
      { ...ctx, attempt: 2 },
    );
    expect(second.kind).toBe("delivered");

    const rows = [];
    for await (const row of tableClient("RetriedLeads").listEntities()) rows.push(row);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.Description).toBe("second attempt");
  });

  it("takes the older JSON-wrapped connection string", async () => {
    const secrets = azureTableSecretsSchema.parse({
      connectionString: JSON.stringify({ connectionString: azurite.connectionString }),
    });
    expect(secrets.connectionString).toBe(azurite.connectionString);
    const outcome = await azureTableAdapter.deliver(
      sampleLead(),
      azureTableConfigSchema.parse({ tableName: "WrappedLeads" }),
      secrets,
      testDeliveryContext(),
    );
    expect(outcome.kind).toBe("delivered");
  });

  it("reports a wrong account key as invalid credentials", async () => {
    const wrongKey = azurite.connectionString.replace(
      AZURITE_KEY,
      Buffer.from("x".repeat(64)).toString("base64"),
    );
    const outcome = await azureTableAdapter.deliver(
      sampleLead(),
      azureTableConfigSchema.parse({}),
      { connectionString: wrongKey },
      testDeliveryContext(),
    );
    expect(outcome).toMatchObject({ kind: "auth_invalid", httpStatus: 403 });
    expect(outcome.kind === "auth_invalid" && outcome.reason).toContain("AuthorizationFailure");
  });

  it("refuses Azurite (a loopback address, plain http) unless private networks are allowed", async () => {
    const ctx = testDeliveryContext({ allowPrivateNetwork: false });
    for (const connectionString of [azurite.connectionString, "UseDevelopmentStorage=true"]) {
      const outcome = await azureTableAdapter.deliver(
        sampleLead(),
        azureTableConfigSchema.parse({}),
        { connectionString },
        ctx,
      );
      expect(outcome.kind === "permanent_failure" && outcome.reason).toMatch(
        /^Refused to connect: Only https URLs are allowed/u,
      );
    }
  });
});

describe("Azure Table adapter (HTTP failures)", () => {
  let fake: FakeHttpServer;
  const connectionString = () =>
    `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};TableEndpoint=${fake.url}/devstoreaccount1;`;

  beforeAll(async () => {
    fake = await FakeHttpServer.start([
      {
        name: "entity",
        method: "PUT",
        path: /\/devstoreaccount1\/MarketplaceLeads\(.*\)$/u,
        handle: () => ({ status: 204 }),
      },
    ]);
  });

  afterAll(async () => {
    await fake.stop();
  });

  it("retries a busy service and a timeout", async () => {
    const config = azureTableConfigSchema.parse({});
    fake.override(
      "entity",
      {
        kind: "respond",
        response: {
          status: 503,
          headers: { "content-type": "application/json" },
          body: '{"odata.error":{"code":"ServerBusy","message":{"lang":"en-US","value":"The server is busy."}}}',
        },
      },
      1,
    );
    expect(
      await azureTableAdapter.deliver(
        sampleLead(),
        config,
        { connectionString: connectionString() },
        testDeliveryContext(),
      ),
    ).toMatchObject({
      kind: "retryable",
      httpStatus: 503,
    });

    fake.override("entity", { kind: "slow", delayMs: 2_000 }, 1);
    expect(
      await azureTableAdapter.deliver(
        sampleLead(),
        config,
        { connectionString: connectionString() },
        testDeliveryContext({ timeoutMs: 150 }),
      ),
    ).toMatchObject({
      kind: "retryable",
      timedOut: true,
    });
  });

  it("retries when nothing listens", async () => {
    const closed = await FakeHttpServer.start([]);
    await closed.stop();
    const unreachable = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};TableEndpoint=${closed.url}/devstoreaccount1;`;
    const outcome = await azureTableAdapter.deliver(
      sampleLead(),
      azureTableConfigSchema.parse({}),
      { connectionString: unreachable },
      testDeliveryContext(),
    );
    expect(outcome).toMatchObject({
      kind: "retryable",
      reason: expect.stringContaining("ECONNREFUSED"),
    });
  });
});

describe("Azure Table keys and settings", () => {
  it("uses the lead's date as PartitionKey and a key-safe form of the idempotency key as RowKey", () => {
    expect(azureTableKeys(sampleLead(), "dlv_01HZX")).toEqual({
      partitionKey: "2026-03-02",
      rowKey: "dlv_01HZX",
    });
    expect(azureTableKeys(sampleLead(), "a/b#c").rowKey).toMatch(/^[0-9a-f]{64}$/u);
  });

  it("defaults the table name and explains invalid ones", () => {
    expect(azureTableConfigSchema.parse({})).toEqual({ tableName: "MarketplaceLeads" });
    expect(
      azureTableConfigSchema.safeParse({ tableName: "1leads" }).error?.issues[0]?.message,
    ).toContain("starts with a letter");
    expect(
      azureTableConfigSchema.safeParse({ tableName: "Tables" }).error?.issues[0]?.message,
    ).toContain("reserved");
  });

  it("explains an unusable connection string and accepts the development shortcut", () => {
    const message = (connectionString: string) =>
      azureTableSecretsSchema.safeParse({ connectionString }).error?.issues[0]?.message;
    expect(message("")).toBe("Paste the storage account's connection string");
    expect(message("https://acct.table.core.windows.net")).toContain("Access keys");
    expect(
      message(
        "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=abc…;EndpointSuffix=core.windows.net",
      ),
    ).toContain("AccountKey");
    expect(message('{"connectionString": 42}')).toContain("Access keys");
    expect(
      azureTableSecretsSchema.safeParse({ connectionString: "UseDevelopmentStorage=true" }).success,
    ).toBe(true);
    expect(
      azureTableSecretsSchema.safeParse({
        connectionString:
          "DefaultEndpointsProtocol=https;AccountName=leadaccount;AccountKey=bm90IGEga2V5;EndpointSuffix=core.windows.net",
      }).success,
    ).toBe(true);
  });

  it("warns about the docs' core.screens.net slip", () => {
    expect(
      connectionStringWarnings("AccountName=a;AccountKey=b;EndpointSuffix=core.screens.net"),
    ).toEqual([
      'EndpointSuffix "core.screens.net" is not an Azure cloud\'s; the usual value is core.windows.net',
    ]);
    expect(
      connectionStringWarnings("AccountName=a;AccountKey=b;EndpointSuffix=core.windows.net"),
    ).toEqual([]);
  });
});
