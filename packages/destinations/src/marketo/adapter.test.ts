import { toMarketoFormFields } from "@leadrelay/leads";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { testDeliveryContext } from "../testing/context";
import { sampleLead } from "../testing/sample-leads";
import { marketoAdapter } from "./adapter";
import { marketoConfigSchema, parseMarketoEmbedCode, type MarketoConfig } from "./config";
import { startMarketoFake, type MarketoFake } from "./fake";

const secrets = {
  clientId: "3f7b9c2e-1a4d-4e8b-9c6f-0d2e5a7b8c91",
  clientSecret: "kT9qW2xZ8vB4nM6pL1sD3fG5hJ7kL9qW",
};
let fake: MarketoFake;
let config: MarketoConfig;

beforeEach(async () => {
  fake = await startMarketoFake({ ...secrets, formId: 1179 });
  config = marketoConfigSchema.parse({
    munchkinId: "123-abc-456",
    formId: "1179",
    restBaseUrl: fake.url,
  });
});

afterEach(async () => {
  await fake.stop();
});

describe("Marketo adapter", () => {
  it("gets a token, then submits the form with exactly the documented fields", async () => {
    const lead = sampleLead();
    const outcome = await marketoAdapter.deliver(lead, config, secrets, testDeliveryContext());
    expect(outcome).toMatchObject({ kind: "delivered", externalId: "1001", httpStatus: 200 });

    const [identity] = fake.requestsTo("identity");
    expect(identity?.method).toBe("POST");
    expect(identity?.url).toBe("/identity/oauth/token");
    expect(Object.fromEntries(new URLSearchParams(identity?.body))).toEqual({
      grant_type: "client_credentials",
      client_id: secrets.clientId,
      client_secret: secrets.clientSecret,
    });

    const [submit] = fake.requestsTo("submitForm");
    expect(submit?.url).toBe("/rest/v1/leads/submitForm.json");
    expect(submit?.headers.authorization).toMatch(/^Bearer [0-9a-f-]{36}:ab$/u);
    expect(submit?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(submit?.body ?? "")).toEqual({
      formId: 1179,
      input: [{ leadFormFields: toMarketoFormFields(lead), visitorData: {} }],
    });
    expect(fake.leads.get(1001)).toEqual({
      FirstName: "Aisha",
      LastName: "Bello-O'Neil",
      Email: "aisha@woodgrove.example",
      Phone: "+234 1 234 5678",
      Country: "NG",
      Company: "Woodgrove <Bank> & Trust",
      Title: "CISO",
      LeadSource: "AzureMarketplace-INS|woodgrove.secure-vm",
    });
  });

  it("reuses the token and reports an update of a known lead as delivered", async () => {
    await marketoAdapter.deliver(sampleLead(), config, secrets, testDeliveryContext());
    const again = await marketoAdapter.deliver(
      sampleLead(),
      config,
      secrets,
      testDeliveryContext(),
    );
    expect(again).toMatchObject({ kind: "delivered", externalId: "1001" });
    expect(fake.requestsTo("identity")).toHaveLength(1);
  });

  it("refreshes an expired token once (602)", async () => {
    await marketoAdapter.deliver(sampleLead(), config, secrets, testDeliveryContext());
    fake.expireTokens();
    const outcome = await marketoAdapter.deliver(
      sampleLead(),
      config,
      secrets,
      testDeliveryContext(),
    );
    expect(outcome.kind).toBe("delivered");
    expect(fake.requestsTo("identity")).toHaveLength(2);
    expect(fake.requestsTo("submitForm")).toHaveLength(3);
  });

  it("gives up when a fresh token is refused too", async () => {
    fake.failWith("601", "Access token invalid", 2);
    const outcome = await marketoAdapter.deliver(
      sampleLead(),
      config,
      secrets,
      testDeliveryContext(),
    );
    expect(outcome.kind).toBe("auth_invalid");
    expect(fake.requestsTo("identity")).toHaveLength(2);
  });

  it("reports wrong client credentials as invalid, without the secret", async () => {
    const wrong = { ...secrets, clientSecret: "not-the-right-secret" };
    const outcome = await marketoAdapter.deliver(
      sampleLead(),
      config,
      wrong,
      testDeliveryContext(),
    );
    expect(outcome).toMatchObject({ kind: "auth_invalid", httpStatus: 401 });
    expect(outcome.kind === "auth_invalid" && outcome.reason).toContain("Bad client credentials");
    expect(JSON.stringify(outcome)).not.toContain("not-the-right-secret");
    expect(fake.requestsTo("submitForm")).toHaveLength(0);
  });

  it("retries rate and quota limits", async () => {
    fake.failWith("606", "Max rate limit '100' exceeded with in '20' secs");
    expect(
      await marketoAdapter.deliver(sampleLead(), config, secrets, testDeliveryContext()),
    ).toMatchObject({
      kind: "retryable",
      retryAfterSeconds: 20,
    });
    fake.failWith("607", "Daily quota reached");
    const quota = await marketoAdapter.deliver(
      sampleLead(),
      config,
      secrets,
      testDeliveryContext(),
    );
    expect(quota.kind === "retryable" && quota.reason).toContain("daily API quota");
  });

  it("explains access denied (603) as a permission problem", async () => {
    fake.failWith("603", "Access denied");
    const outcome = await marketoAdapter.deliver(
      sampleLead(),
      config,
      secrets,
      testDeliveryContext(),
    );
    expect(outcome.kind === "auth_invalid" && outcome.reason).toContain("Read-Write Lead");
  });

  it("fails permanently when the form lacks a field, naming the fields it needs", async () => {
    const narrow = await startMarketoFake({
      ...secrets,
      formId: 1179,
      formFields: ["Email", "FirstName", "LastName"],
    });
    try {
      const outcome = await marketoAdapter.deliver(
        sampleLead(),
        { ...config, restBaseUrl: narrow.url },
        secrets,
        testDeliveryContext(),
      );
      expect(outcome.kind).toBe("permanent_failure");
      expect(outcome.kind === "permanent_failure" && outcome.reason).toMatch(
        /Field 'Phone' not found \(1006\).*LeadSource/u,
      );
    } finally {
      await narrow.stop();
    }
  });

  it("retries HTTP-level server errors and timeouts", async () => {
    fake.override("submitForm", { kind: "respond", response: { status: 502 } }, 1);
    expect(
      await marketoAdapter.deliver(sampleLead(), config, secrets, testDeliveryContext()),
    ).toMatchObject({ kind: "retryable", httpStatus: 502 });
    fake.override("submitForm", { kind: "slow", delayMs: 2_000 }, 1);
    expect(
      await marketoAdapter.deliver(
        sampleLead(),
        config,
        secrets,
        testDeliveryContext({ timeoutMs: 100 }),
      ),
    ).toMatchObject({
      kind: "retryable",
      timedOut: true,
    });
  });

  it("refuses private addresses unless allowed", async () => {
    const outcome = await marketoAdapter.deliver(
      sampleLead(),
      config,
      secrets,
      testDeliveryContext({ allowPrivateNetwork: false }),
    );
    expect(outcome.kind).toBe("permanent_failure");
    expect(fake.requests).toHaveLength(0);
  });
});

describe("Marketo settings", () => {
  it("normalises the Munchkin ID and derives the REST host from it", () => {
    expect(
      marketoConfigSchema.parse({
        munchkinId: " 123-pqr-789 ",
        formId: 1179,
        serverId: "app-YS12",
      }),
    ).toEqual({
      munchkinId: "123-PQR-789",
      formId: 1179,
      serverId: "ys12",
      restBaseUrl: "https://123-PQR-789.mktorest.com",
    });
  });

  it("explains invalid values", () => {
    const result = marketoConfigSchema.safeParse({ munchkinId: "ys12", formId: "abc" });
    const messages = result.error?.issues.map(
      (issue) => `${issue.path.join(".")}: ${issue.message}`,
    );
    expect(messages).toEqual([
      expect.stringMatching(/^munchkinId: Enter the Munchkin ID as three digits/u),
      expect.stringMatching(/^formId: Enter the Form ID/u),
    ]);
  });

  it("reads the values from an embed code by position, even with the docs' typo", () => {
    expect(
      parseMarketoEmbedCode(
        '<script>MktoForms2.loadForm("("//app-ys12.marketo.com", "123-PQR-789", 1179);</script>',
      ),
    ).toEqual({
      serverId: "ys12",
      munchkinId: "123-PQR-789",
      formId: 1179,
    });
    expect(
      parseMarketoEmbedCode("MktoForms2.loadForm('//app-ab01.marketo.com','987-xyz-654',42)"),
    ).toEqual({
      serverId: "ab01",
      munchkinId: "987-XYZ-654",
      formId: 42,
    });
    expect(parseMarketoEmbedCode("no form here")).toBeUndefined();
  });

  it("lists the exact form fields in the setup guide", () => {
    expect(marketoAdapter.setupGuide.requiredFields).toEqual([
      "FirstName",
      "LastName",
      "Email",
      "Phone",
      "Country",
      "Company",
      "Title",
      "LeadSource",
    ]);
  });
});
