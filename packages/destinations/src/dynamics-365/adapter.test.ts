import { toDynamicsLead } from "@leadrelay/leads";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { sampleLead } from "../testing/sample-leads";
import { testDeliveryContext } from "../testing/context";
import { dynamicsAdapter, dynamicsLeadId } from "./adapter";
import { dynamicsConfigSchema, type DynamicsConfig } from "./config";
import { startDynamicsFake, type DynamicsFake } from "./fake";

const tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const clientId = "23456052-aaaa-bbbb-8662-1234df56788f";
const clientSecret = "Abc8Q~very.secret_value-1234567890";
const instanceUrl = "https://contoso.crm4.dynamics.com";

let fake: DynamicsFake;
let config: DynamicsConfig;
const secrets = { clientSecret };

beforeEach(async () => {
  fake = await startDynamicsFake({ tenantId, clientId, clientSecret, instanceUrl });
  config = dynamicsConfigSchema.parse({
    instanceUrl,
    tenantId,
    clientId,
    authorityHost: fake.url,
    apiBaseUrl: fake.url,
  });
});

afterEach(async () => {
  await fake.stop();
});

describe("Dynamics 365 adapter", () => {
  it("signs in with client credentials and creates the lead with a create-only upsert", async () => {
    const lead = sampleLead();
    const ctx = testDeliveryContext();
    const outcome = await dynamicsAdapter.deliver(lead, config, secrets, ctx);

    const leadId = dynamicsLeadId(ctx.idempotencyKey);
    expect(outcome).toEqual({
      kind: "delivered",
      externalId: leadId,
      httpStatus: 204,
      responseExcerpt: "",
    });

    const [tokenRequest] = fake.requestsTo("token");
    expect(tokenRequest?.url).toBe(`/${tenantId}/oauth2/v2.0/token`);
    expect(tokenRequest?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body))).toEqual({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
      scope: "https://contoso.crm4.dynamics.com/.default",
    });

    const [leadRequest] = fake.requestsTo("leads");
    expect(leadRequest?.method).toBe("PATCH");
    expect(leadRequest?.url).toBe(`/api/data/v9.2/leads(${leadId})`);
    expect(leadRequest?.headers).toMatchObject({
      authorization: `Bearer ${[...fake.issuedTokens][0]}`,
      "content-type": "application/json; charset=utf-8",
      "odata-version": "4.0",
      "odata-maxversion": "4.0",
      "if-none-match": "*",
    });
    expect(JSON.parse(leadRequest?.body ?? "")).toEqual(toDynamicsLead(lead));
    expect(fake.leads.get(leadId)).toMatchObject({
      subject: "Woodgrove Secure VM",
      companyname: "Woodgrove <Bank> & Trust",
    });
  });

  it("reuses the token until it expires", async () => {
    await dynamicsAdapter.deliver(
      sampleLead(),
      config,
      secrets,
      testDeliveryContext({ idempotencyKey: "a" }),
    );
    await dynamicsAdapter.deliver(
      sampleLead(),
      config,
      secrets,
      testDeliveryContext({ idempotencyKey: "b" }),
    );
    expect(fake.requestsTo("token")).toHaveLength(1);

    const later = new Date(Date.now() + 3600_000);
    await dynamicsAdapter.deliver(
      sampleLead(),
      config,
      secrets,
      testDeliveryContext({ idempotencyKey: "c", now: later }),
    );
    expect(fake.requestsTo("token")).toHaveLength(2);
  });

  it("treats a retry of a delivery that already created the lead as delivered, without a duplicate", async () => {
    const ctx = testDeliveryContext();
    await dynamicsAdapter.deliver(sampleLead(), config, secrets, ctx);
    const retry = await dynamicsAdapter.deliver(sampleLead(), config, secrets, {
      ...ctx,
      attempt: 2,
    });
    expect(retry).toMatchObject({
      kind: "delivered",
      externalId: dynamicsLeadId(ctx.idempotencyKey),
      httpStatus: 412,
    });
    expect(fake.leads.size).toBe(1);
  });

  it("reports a wrong client secret as invalid credentials, with Entra ID's reason and without the secret", async () => {
    const outcome = await dynamicsAdapter.deliver(
      sampleLead(),
      config,
      { clientSecret: "wrong-secret-value" },
      testDeliveryContext(),
    );
    expect(outcome.kind).toBe("auth_invalid");
    expect(outcome).toMatchObject({ httpStatus: 401 });
    expect(JSON.stringify(outcome)).toContain("AADSTS7000215: Invalid client secret provided");
    // The reason is Entra ID's first line; the excerpt keeps the trace ids for support.
    expect(outcome.kind === "auth_invalid" && outcome.reason).not.toContain("Trace ID");
    expect(JSON.stringify(outcome)).not.toContain("wrong-secret-value");
    expect(fake.requestsTo("leads")).toHaveLength(0);
  });

  it("reports an unknown tenant as invalid credentials", async () => {
    const other = dynamicsConfigSchema.parse({
      ...config,
      tenantId: "00000000-0000-0000-0000-000000000001",
    });
    const outcome = await dynamicsAdapter.deliver(
      sampleLead(),
      other,
      secrets,
      testDeliveryContext(),
    );
    expect(outcome).toMatchObject({ kind: "auth_invalid", httpStatus: 400 });
    expect(outcome.kind === "auth_invalid" && outcome.reason).toContain("AADSTS90002");
  });

  it("gets a fresh token once when Dataverse refuses a cached one", async () => {
    await dynamicsAdapter.deliver(
      sampleLead(),
      config,
      secrets,
      testDeliveryContext({ idempotencyKey: "a" }),
    );
    fake.revokeTokens();
    const outcome = await dynamicsAdapter.deliver(
      sampleLead(),
      config,
      secrets,
      testDeliveryContext({ idempotencyKey: "b" }),
    );
    expect(outcome.kind).toBe("delivered");
    expect(fake.requestsTo("token")).toHaveLength(2);
  });

  it("says to add the application user when Dataverse refuses a fresh token", async () => {
    fake.override("leads", { kind: "respond", response: { status: 401 } });
    const outcome = await dynamicsAdapter.deliver(
      sampleLead(),
      config,
      secrets,
      testDeliveryContext(),
    );
    expect(outcome).toMatchObject({ kind: "auth_invalid", httpStatus: 401 });
    expect(outcome.kind === "auth_invalid" && outcome.reason).toContain("application user");
    expect(fake.requestsTo("token")).toHaveLength(1);
  });

  it("reports a missing privilege as invalid credentials with Dataverse's message", async () => {
    fake.override("leads", {
      kind: "respond",
      response: {
        status: 403,
        body: JSON.stringify({
          error: {
            code: "0x80040220",
            message: "Principal user is missing prvCreateLead privilege",
          },
        }),
      },
    });
    const outcome = await dynamicsAdapter.deliver(
      sampleLead(),
      config,
      secrets,
      testDeliveryContext(),
    );
    expect(outcome).toMatchObject({ kind: "auth_invalid", httpStatus: 403 });
    expect(outcome.kind === "auth_invalid" && outcome.reason).toContain(
      "missing prvCreateLead privilege (0x80040220)",
    );
  });

  it("fails permanently on a 400 with Dataverse's error message", async () => {
    fake.override("leads", {
      kind: "respond",
      response: {
        status: 400,
        body: JSON.stringify({
          error: { code: "0x80040203", message: "Attribute 'new_region' is required" },
        }),
      },
    });
    const outcome = await dynamicsAdapter.deliver(
      sampleLead(),
      config,
      secrets,
      testDeliveryContext(),
    );
    expect(outcome).toMatchObject({ kind: "permanent_failure", httpStatus: 400 });
    expect(outcome.kind === "permanent_failure" && outcome.reason).toBe(
      "Dataverse rejected the lead (400): Attribute 'new_region' is required (0x80040203)",
    );
  });

  it("retries service-protection limits and server errors, honouring Retry-After", async () => {
    fake.override(
      "leads",
      { kind: "respond", response: { status: 429, headers: { "retry-after": "37" } } },
      1,
    );
    expect(
      await dynamicsAdapter.deliver(sampleLead(), config, secrets, testDeliveryContext()),
    ).toMatchObject({
      kind: "retryable",
      httpStatus: 429,
      retryAfterSeconds: 37,
    });

    const now = new Date("2026-03-02T10:00:00Z");
    fake.override(
      "leads",
      {
        kind: "respond",
        response: { status: 503, headers: { "retry-after": "Mon, 02 Mar 2026 10:02:00 GMT" } },
      },
      1,
    );
    expect(
      await dynamicsAdapter.deliver(sampleLead(), config, secrets, testDeliveryContext({ now })),
    ).toMatchObject({
      kind: "retryable",
      httpStatus: 503,
      retryAfterSeconds: 120,
    });
  });

  it("retries when the token endpoint is down", async () => {
    fake.override("token", { kind: "respond", response: { status: 500 } });
    expect(
      await dynamicsAdapter.deliver(sampleLead(), config, secrets, testDeliveryContext()),
    ).toMatchObject({
      kind: "retryable",
      httpStatus: 500,
    });
  });

  it("gives up on a slow answer at the timeout, as retryable", async () => {
    fake.override("leads", { kind: "slow", delayMs: 2_000 });
    const outcome = await dynamicsAdapter.deliver(
      sampleLead(),
      config,
      secrets,
      testDeliveryContext({ timeoutMs: 150 }),
    );
    expect(outcome).toMatchObject({ kind: "retryable", timedOut: true });
  });

  it("does not follow redirects", async () => {
    fake.override("leads", { kind: "redirect", location: "https://elsewhere.example/api" });
    const outcome = await dynamicsAdapter.deliver(
      sampleLead(),
      config,
      secrets,
      testDeliveryContext(),
    );
    expect(outcome).toMatchObject({ kind: "permanent_failure", httpStatus: 302 });
    expect(fake.requests.filter((request) => request.route === "unmatched")).toHaveLength(0);
  });

  it("refuses to contact a private address unless private networks are allowed", async () => {
    const outcome = await dynamicsAdapter.deliver(
      sampleLead(),
      config,
      secrets,
      testDeliveryContext({ allowPrivateNetwork: false }),
    );
    expect(outcome.kind).toBe("permanent_failure");
    expect(outcome.kind === "permanent_failure" && outcome.reason).toMatch(
      /^Refused to connect: Only https URLs are allowed/u,
    );
    expect(fake.requests).toHaveLength(0);
  });
});

describe("Dynamics 365 settings", () => {
  const valid = { instanceUrl, tenantId, clientId };

  it("keeps only the origin of a URL copied from the browser and defaults the authority", () => {
    expect(
      dynamicsConfigSchema.parse({
        ...valid,
        instanceUrl: " https://Contoso.crm4.dynamics.com/main.aspx?appid=1 ",
      }),
    ).toEqual({
      ...valid,
      authorityHost: "https://login.microsoftonline.com",
    });
    expect(
      dynamicsConfigSchema.parse({ ...valid, instanceUrl: "https://contoso.dynamics.com" })
        .instanceUrl,
    ).toBe("https://contoso.dynamics.com");
  });

  it("explains each invalid field", () => {
    const result = dynamicsConfigSchema.safeParse({
      instanceUrl: "https://contoso.example.com",
      // The docs' own sample Directory ID: "4asf" is not hexadecimal.
      tenantId: "12345678-8af1-4asf-1234-12234d01db47",
      clientId: "",
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(
      result.error?.issues.map((issue) => [issue.path.join("."), issue.message]) ?? [],
    );
    expect(messages.instanceUrl).toContain("e.g. https://contoso.crm4.dynamics.com");
    expect(messages.tenantId).toContain("Directory (tenant) ID as a GUID");
    expect(messages.clientId).toContain("Application (client) ID as a GUID");
  });

  it("requires https for the instance", () => {
    expect(
      dynamicsConfigSchema.safeParse({ ...valid, instanceUrl: "http://contoso.crm.dynamics.com" })
        .success,
    ).toBe(false);
  });

  it("requires the client secret", () => {
    expect(
      dynamicsAdapter.secretsSchema.safeParse({ clientSecret: " " }).error?.issues[0]?.message,
    ).toContain("client secret");
  });
});
