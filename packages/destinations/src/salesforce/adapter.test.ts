import { toSalesforceWebToLead } from "@leadrelay/leads";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { testDeliveryContext } from "../testing/context";
import { sampleLead } from "../testing/sample-leads";
import { salesforceAdapter, WEB_TO_LEAD_ACCEPTED_NOTE } from "./adapter";
import { salesforceConfigSchema, type SalesforceConfig } from "./config";
import { startSalesforceFake, type SalesforceFake } from "./fake";

const orgId = "00Do0000000ZHog";
let fake: SalesforceFake;
let config: SalesforceConfig;

beforeEach(async () => {
  fake = await startSalesforceFake({ orgId, requiredFields: { company: undefined } });
  config = salesforceConfigSchema.parse({ orgId, endpoint: fake.endpoint });
});

afterEach(async () => {
  await fake.stop();
});

describe("Salesforce adapter", () => {
  it("posts the Web-to-Lead form and reports the lead as accepted, not confirmed", async () => {
    const lead = sampleLead();
    const outcome = await salesforceAdapter.deliver(lead, config, {}, testDeliveryContext());
    expect(outcome).toMatchObject({
      kind: "accepted",
      note: WEB_TO_LEAD_ACCEPTED_NOTE,
      httpStatus: 200,
    });

    const [request] = fake.requestsTo("webToLead");
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/servlet/servlet.WebToLead?encoding=UTF-8");
    expect(request?.headers["content-type"]).toBe(
      "application/x-www-form-urlencoded; charset=UTF-8",
    );
    expect([...new URLSearchParams(request?.body)]).toEqual(
      Object.entries(toSalesforceWebToLead(lead, { oid: orgId })),
    );
    expect(fake.leads).toEqual([
      expect.objectContaining({
        oid: orgId,
        encoding: "UTF-8",
        company: "Woodgrove <Bank> & Trust",
        lead_source: "AzureMarketplace-INS|woodgrove.secure-vm",
        description: "Needs SSO for ~400 seats; café ☕",
      }),
    ]);
  });

  it("still says accepted when Salesforce silently drops the lead (required picklist)", async () => {
    const strict = await startSalesforceFake({
      orgId,
      requiredFields: { country: ["United States", "Nigeria"] },
    });
    try {
      const outcome = await salesforceAdapter.deliver(
        sampleLead(),
        { ...config, endpoint: strict.endpoint },
        {},
        testDeliveryContext(),
      );
      expect(outcome.kind).toBe("accepted");
      expect(strict.leads).toHaveLength(0);
      expect(strict.dropped).toEqual(['country "NG" is not a picklist value']);
    } finally {
      await strict.stop();
    }
  });

  it("sends mapped custom fields", async () => {
    const mapped = salesforceConfigSchema.parse({
      orgId,
      endpoint: fake.endpoint,
      fieldMapping: { offerTitle: "00N5g00000Offer", country: "country_code" },
    });
    await salesforceAdapter.deliver(sampleLead(), mapped, {}, testDeliveryContext());
    expect(fake.leads[0]).toMatchObject({
      "00N5g00000Offer": "Woodgrove Secure VM",
      country_code: "NG",
    });
    expect(fake.leads[0]).not.toHaveProperty("country");
  });

  it("retries server errors with Retry-After and fails on other refusals", async () => {
    fake.override(
      "webToLead",
      { kind: "respond", response: { status: 503, headers: { "retry-after": "120" } } },
      1,
    );
    expect(
      await salesforceAdapter.deliver(sampleLead(), config, {}, testDeliveryContext()),
    ).toMatchObject({
      kind: "retryable",
      httpStatus: 503,
      retryAfterSeconds: 120,
    });
    fake.override(
      "webToLead",
      { kind: "respond", response: { status: 400, body: "Bad Request" } },
      1,
    );
    expect(
      await salesforceAdapter.deliver(sampleLead(), config, {}, testDeliveryContext()),
    ).toMatchObject({
      kind: "permanent_failure",
      httpStatus: 400,
      responseExcerpt: "Bad Request",
    });
  });

  it("does not follow a redirect", async () => {
    fake.override("webToLead", { kind: "redirect", location: "https://login.salesforce.com/" });
    const outcome = await salesforceAdapter.deliver(
      sampleLead(),
      config,
      {},
      testDeliveryContext(),
    );
    expect(outcome.kind === "permanent_failure" && outcome.reason).toContain(
      "redirecting to https://login.salesforce.com/",
    );
    expect(fake.requests).toHaveLength(1);
  });

  it("times out a slow servlet as retryable", async () => {
    fake.override("webToLead", { kind: "slow", delayMs: 2_000 });
    expect(
      await salesforceAdapter.deliver(
        sampleLead(),
        config,
        {},
        testDeliveryContext({ timeoutMs: 100 }),
      ),
    ).toMatchObject({
      kind: "retryable",
      timedOut: true,
    });
  });

  it("refuses the local fake when private networks are not allowed", async () => {
    const outcome = await salesforceAdapter.deliver(
      sampleLead(),
      config,
      {},
      testDeliveryContext({ allowPrivateNetwork: false }),
    );
    expect(outcome.kind).toBe("permanent_failure");
    expect(fake.requests).toHaveLength(0);
  });
});

describe("Salesforce settings", () => {
  it("defaults to Salesforce's Web-to-Lead servlet", () => {
    expect(salesforceConfigSchema.parse({ orgId: " 00Do0000000ZHogEAG " })).toEqual({
      orgId: "00Do0000000ZHogEAG",
      endpoint: "https://webto.salesforce.com/servlet/servlet.WebToLead?encoding=UTF-8",
    });
  });

  it("explains a wrong Organization ID", () => {
    for (const orgId of ["00Do0000000ZHo", "005o0000000ZHog", '"00Do0000000ZHog"']) {
      expect(salesforceConfigSchema.safeParse({ orgId }).error?.issues[0]?.message).toContain(
        "starting with 00D",
      );
    }
  });

  it("refuses a mapping onto a control field", () => {
    const result = salesforceConfigSchema.safeParse({
      orgId,
      fieldMapping: { description: "oid" },
    });
    expect(result.error?.issues[0]?.message).toBe('"oid" is a Web-to-Lead control field');
  });

  it("warns about required picklists and reCAPTCHA in the setup guide", () => {
    expect(salesforceAdapter.setupGuide.warnings?.join(" ")).toContain("picklist");
    expect(salesforceAdapter.setupGuide.steps.join(" ")).toContain("reCAPTCHA");
  });
});
