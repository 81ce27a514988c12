import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetch as undiciFetch } from "undici";
import type { buildConnector } from "undici";

import { azureTableAdapter } from "../azure-table/adapter";
import { testDeliveryContext } from "../testing/context";
import { FakeHttpServer } from "../testing/fake-http-server";
import { sampleLead } from "../testing/sample-leads";
import { guardedConnector, guardedDispatcher, guardedLookup } from "./guard";
import { sendHttp } from "./http";
import { UnsafeDestinationUrlError, type LookupAll } from "./ssrf";

const resolvesTo =
  (...addresses: string[]): LookupAll =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

/** DNS rebinding: the first answer (the check before the request) is public, later ones are not. */
function rebinding(later: string) {
  const calls: string[] = [];
  const lookup: LookupAll = async (hostname) => {
    calls.push(hostname);
    const address = calls.length === 1 ? "93.184.216.34" : later;
    return [{ address, family: address.includes(":") ? 6 : 4 }];
  };
  return { lookup, calls };
}

describe("the connect-time SSRF guard", () => {
  let fake: FakeHttpServer;
  beforeAll(async () => {
    fake = await FakeHttpServer.start([
      {
        name: "any",
        method: "GET",
        path: /^\//u,
        handle: () => ({ status: 200, body: "reached" }),
      },
    ]);
  });
  afterAll(async () => {
    await fake.stop();
  });
  const port = () => new URL(fake.url).port;

  it("refuses a host that passed the check before the request but resolves to loopback when connecting", async () => {
    const { lookup, calls } = rebinding("127.0.0.1");
    const exchange = await sendHttp(
      { url: "https://rebind.attacker.example/leads", method: "POST", body: "{}" },
      testDeliveryContext({ allowPrivateNetwork: false, lookup }),
    );
    expect(exchange.ok).toBe(false);
    expect(!exchange.ok && exchange.outcome).toEqual({
      kind: "permanent_failure",
      reason:
        "Refused to connect: rebind.attacker.example resolves to 127.0.0.1, a loopback address: destinations must be on the public internet",
    });
    // Checked once before the request and once more as the socket was opened.
    expect(calls).toEqual(["rebind.attacker.example", "rebind.attacker.example"]);
  });

  it("keeps the guard when the caller passes an abort signal (the worker does, for shutdown)", async () => {
    const { lookup, calls } = rebinding("127.0.0.1");
    const exchange = await sendHttp(
      { url: "https://rebind.attacker.example/leads", method: "POST", body: "{}" },
      testDeliveryContext({ allowPrivateNetwork: false, lookup, signal: new AbortController().signal }),
    );
    expect(!exchange.ok && exchange.outcome.kind).toBe("permanent_failure");
    expect(calls).toHaveLength(2);
  });

  it("stops a request when the caller's signal aborts", async () => {
    const shutdown = new AbortController();
    shutdown.abort();
    const before = fake.requests.length;
    const exchange = await sendHttp(
      { url: `${fake.url}/leads`, method: "GET" },
      testDeliveryContext({ allowPrivateNetwork: true, signal: shutdown.signal }),
    );
    expect(!exchange.ok && exchange.outcome.kind).toBe("retryable");
    expect(fake.requests.length).toBe(before);
  });

  it.each([
    ["::1", "a loopback address"],
    ["fd00::1", "a private network address"],
    ["fd12:3456:789a::1", "a private network address"],
    ["::ffff:127.0.0.1", "a loopback address"],
    ["169.254.169.254", "a link-local address"],
    ["0.0.0.0", "an unspecified or reserved address"],
    ["10.0.0.7", "a private network address"],
  ])("refuses at connect a name resolving to %s", async (address, reason) => {
    const before = fake.requests.length;
    const request = undiciFetch(`http://leads.attacker.example:${port()}/`, {
      dispatcher: guardedDispatcher({ allowPrivateNetwork: false, lookup: resolvesTo(address) }),
    });
    const error = await request.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect((error as Error).cause).toBeInstanceOf(UnsafeDestinationUrlError);
    expect(((error as Error).cause as Error).message).toContain(
      `resolves to ${address}, ${reason}`,
    );
    expect(fake.requests.length).toBe(before);
  });

  it("refuses at connect when any of the addresses is private, even after a public one", async () => {
    const request = undiciFetch(`http://mixed.attacker.example:${port()}/`, {
      dispatcher: guardedDispatcher({
        allowPrivateNetwork: false,
        lookup: resolvesTo("93.184.216.34", "127.0.0.1"),
      }),
    });
    await expect(request).rejects.toMatchObject({
      cause: { message: expect.stringContaining("resolves to 127.0.0.1, a loopback address") },
    });
  });

  it.each([
    ["decimal", "2130706433", "127.0.0.1"],
    ["octal", "0177.0.0.1", "127.0.0.1"],
    ["hexadecimal", "0x7f.1", "127.0.0.1"],
    ["unspecified", "0.0.0.0", "0.0.0.0"],
    ["IPv6 loopback", "[::1]", "::1"],
    ["IPv4-mapped IPv6", "[::ffff:127.0.0.1]", "::ffff:7f00:1"],
  ])("refuses the %s IP host %s at connect without resolving it", async (_form, host, literal) => {
    const lookups: string[] = [];
    const request = undiciFetch(`http://${host}:${port()}/`, {
      dispatcher: guardedDispatcher({
        allowPrivateNetwork: false,
        lookup: async (name) => {
          lookups.push(name);
          return [{ address: "93.184.216.34", family: 4 }];
        },
      }),
    });
    await expect(request).rejects.toMatchObject({
      cause: {
        message: expect.stringMatching(new RegExp(`^${literal.replaceAll(".", "\\.")} is a`, "u")),
      },
    });
    expect(lookups).toEqual([]);
  });

  it("connects to the vetted address and keeps the host name for TLS", async () => {
    const opened: buildConnector.Options[] = [];
    const connect = guardedConnector(
      { allowPrivateNetwork: false, lookup: resolvesTo("93.184.216.34", "2606:2800:220:1::1") },
      (target, callback) => {
        opened.push(target);
        callback(new Error("stop here"), null);
      },
    );
    await new Promise<void>((resolve) => {
      connect(
        {
          hostname: "leads.contoso.example",
          host: "leads.contoso.example",
          protocol: "https:",
          port: "443",
        },
        () => resolve(),
      );
    });
    expect(opened).toEqual([
      expect.objectContaining({ hostname: "93.184.216.34", servername: "leads.contoso.example" }),
    ]);
  });

  it("lets every address through when private networks are allowed", async () => {
    const response = await undiciFetch(`http://127.0.0.1:${port()}/`, {
      dispatcher: guardedDispatcher({ allowPrivateNetwork: true }),
    });
    expect(await response.text()).toBe("reached");
  });
});

describe("guardedLookup (Node sockets: the Azure SDK)", () => {
  const lookupWith = (lookup: LookupAll, all: boolean) =>
    new Promise<{ error: NodeJS.ErrnoException | null; result: unknown }>((resolve) => {
      guardedLookup({ allowPrivateNetwork: false, lookup })(
        "tables.example",
        { all },
        (error, address) => resolve({ error, result: address }),
      );
    });

  it("answers with vetted addresses, one or all as asked", async () => {
    const lookup = resolvesTo("20.38.98.100", "2603:1030::5");
    expect(await lookupWith(lookup, false)).toEqual({ error: null, result: "20.38.98.100" });
    expect(await lookupWith(lookup, true)).toEqual({
      error: null,
      result: [
        { address: "20.38.98.100", family: 4 },
        { address: "2603:1030::5", family: 6 },
      ],
    });
  });

  it("fails the lookup when an address is private", async () => {
    const { error } = await lookupWith(resolvesTo("20.38.98.100", "169.254.169.254"), true);
    expect(error).toBeInstanceOf(UnsafeDestinationUrlError);
  });

  it("stops an Azure Table write whose endpoint rebinds to the metadata address", async () => {
    const { lookup, calls } = rebinding("169.254.169.254");
    const outcome = await azureTableAdapter.deliver(
      sampleLead(),
      { tableName: "MarketplaceLeads" },
      {
        connectionString:
          "DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=ZmFrZS1rZXktZm9yLXRlc3RzLW9ubHktMTIzNDU2Nzg5MA==;TableEndpoint=https://tables.rebind.example/contoso",
      },
      testDeliveryContext({ allowPrivateNetwork: false, lookup }),
    );
    expect(outcome).toMatchObject({
      kind: "permanent_failure",
      reason: expect.stringContaining(
        "Refused to connect: tables.rebind.example resolves to 169.254.169.254, a link-local address",
      ),
    });
    expect(calls.length).toBeGreaterThanOrEqual(2);
  });
});
