/**
 * `capture-url` and `leads export` run as the real CLI in a child process against the
 * integration project's database. Other files share it, so every test makes its own tenant.
 */
import { createHash, randomBytes } from "node:crypto";
import { captureLead, createDb, type Db } from "@leadrelay/db";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, leadrelay, STACK_LINE } from "../test/run-cli";

let db: Db;
beforeAll(() => {
  db = createDb(databaseUrl(), 2);
});
afterAll(async () => {
  await db.$disconnect();
});

const uid = () => randomBytes(5).toString("hex");
const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");

async function newTenant() {
  const id = uid();
  return db.tenant.create({ data: { slug: `cli-${id}`, name: `CLI ${id}` }, select: { id: true, slug: true } });
}

function tokenOf(url: string): string {
  return url.slice(url.lastIndexOf("/") + 1);
}

// One CLI run costs about two CPU-seconds; they run one after another.
describe("leadrelay capture-url", { timeout: 180_000 }, () => {
  it("prints the tenant-wide URL, creating it once, and --json prints one object", async () => {
    const tenant = await newTenant();
    const first = await leadrelay(["capture-url", "--tenant", tenant.slug]);
    expect(first.code, first.stderr).toBe(0);
    const url = first.stdout.trim();
    expect(url).toMatch(/^http:\/\/localhost:3000\/api\/capture\/lrc_[A-Za-z0-9_-]{43}$/);
    expect(first.stderr).toMatch(/Created a new capture URL/);
    const row = await db.captureEndpoint.findUniqueOrThrow({ where: { tokenHash: sha256Hex(tokenOf(url)) } });
    expect(row).toMatchObject({ tenantId: tenant.id, offerId: null, revokedAt: null });

    const json = await leadrelay(["capture-url", "--tenant", tenant.slug, "--json", "--base-url", "https://leads.example.com/"]);
    expect(json.code, json.stderr).toBe(0);
    const lines = json.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      url: `https://leads.example.com/api/capture/${tokenOf(url)}`,
      tenant: tenant.slug,
      offer: null,
      created: false,
      verifiedAt: null,
      lastLeadAt: null,
    });
    expect(await db.captureEndpoint.count({ where: { tenantId: tenant.id } })).toBe(1);
  });

  it("prints an offer's own URL, on LEADRELAY_PUBLIC_URL when set", async () => {
    const tenant = await newTenant();
    await db.offer.create({ data: { tenantId: tenant.id, publisherId: "contoso", offerId: "crm-connector", title: "CRM", type: "SAAS" } });
    const result = await leadrelay(["capture-url", "--tenant", tenant.slug, "--offer", "Contoso.CRM-Connector", "--json"], {
      LEADRELAY_PUBLIC_URL: "https://app.leadrelay.example",
    });
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as { url: string; offer: string; created: boolean };
    expect(printed).toMatchObject({ offer: "contoso.crm-connector", created: true });
    expect(printed.url).toMatch(/^https:\/\/app\.leadrelay\.example\/api\/capture\/lrc_/);
    expect(await db.captureEndpoint.findUniqueOrThrow({ where: { tokenHash: sha256Hex(tokenOf(printed.url)) } })).toMatchObject({ offerId: expect.any(String) });
  });

  it("explains bad input in one line, without a stack trace", async () => {
    const tenant = await newTenant();
    const cases: [string[], RegExp][] = [
      [["capture-url", "--tenant", "no-such-tenant"], /No tenant with the slug "no-such-tenant"/],
      [["capture-url", "--tenant", tenant.slug, "--offer", "no-dot"], /not publisherid\.offerid/],
      [["capture-url", "--tenant", tenant.slug, "--offer", "contoso.missing"], /has no offer contoso\.missing/],
      [["capture-url", "--tenant", tenant.slug, "--base-url", "ftp://x"], /must start with https:\/\/ or http:\/\//],
    ];
    for (const [args, message] of cases) {
      const result = await leadrelay(args);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(result.stdout).toBe("");
    }
  });
});

describe("leadrelay leads export", { timeout: 180_000 }, () => {
  async function seedLeads(tenantId: string) {
    const email = `ada-${uid()}@contoso.example`;
    const put = (lead: Parameters<typeof captureLead>[1]["lead"], receivedAt: Date) =>
      captureLead(db, { tenantId, channel: "API", offer: null, lead, idempotencyKey: uid(), receivedAt });
    const defaults = { isTest: false, isPrivacyRedacted: false, extraFields: {} };
    await put({ ...defaults, customer: { firstName: "Ada", email, phone: "+44 20 7946 0958" }, source: "AzureMarketplace", action: "PLT", offer: { publisherId: "contoso", offerId: "crm" }, receivedAt: new Date("2026-10-01T00:00:00Z") }, new Date());
    await put({ ...defaults, customer: { firstName: "Ada", email }, source: "AzureMarketplace", action: "INS", offer: { publisherId: "contoso", offerId: "crm" }, receivedAt: new Date("2026-11-02T00:00:00Z") }, new Date());
    await put({ ...defaults, customer: { email: "student@mit.edu", company: "MIT" }, source: "AzurePortal", action: "Create", receivedAt: new Date("2026-11-03T00:00:00Z") }, new Date());
    await put({ ...defaults, customer: { firstName: "MSFT_TEST_1", email: "MSFT_TEST_1@test.com" }, source: "AzureMarketplace", action: "INS", isTest: true, receivedAt: new Date("2026-11-04T00:00:00Z") }, new Date());
    return { email };
  }

  it("writes JSON: one array of leads with customer info, codes, stage, flags and touchpoints", async () => {
    const tenant = await newTenant();
    const { email } = await seedLeads(tenant.id);
    const result = await leadrelay(["leads", "export", "--tenant", tenant.slug, "--format", "json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Exported 3 leads/);
    const leads = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(leads).toHaveLength(3);
    const ada = leads.find((l) => (l.customer as { email?: string }).email === email)!;
    expect(ada).toMatchObject({
      customer: { firstName: "Ada", email, phone: "+44 20 7946 0958" },
      source: "AzureMarketplace",
      action: "INS",
      offer: "contoso.crm",
      funnelStage: "ACTIVE",
      isTest: false,
      isPrivacyRedacted: false,
      touchpointCount: 2,
    });
    expect((ada.touchpoints as { action: string; channel: string }[]).map((t) => [t.channel, t.action])).toEqual([
      ["API", "PLT"],
      ["API", "INS"],
    ]);
    expect(leads.find((l) => l.isPrivacyRedacted)).toMatchObject({ customer: { company: "MIT" }, privacyReason: expect.stringMatching(/\.edu/) });
    expect(leads.find((l) => l.isTest)).toMatchObject({ funnelStage: "ACTIVE" });

    const since = await leadrelay(["leads", "export", "--tenant", tenant.slug, "--format", "json", "--since", "2026-11-03"]);
    expect((JSON.parse(since.stdout) as unknown[]).length).toBe(2);
    const none = await leadrelay(["leads", "export", "--tenant", tenant.slug, "--format", "json", "--since", "2030-01-01"]);
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it("writes CSV: a header and one row per lead", async () => {
    const tenant = await newTenant();
    const { email } = await seedLeads(tenant.id);
    const result = await leadrelay(["leads", "export", "--tenant", tenant.slug, "--format", "csv"]);
    expect(result.code, result.stderr).toBe(0);
    const parsed = Papa.parse<Record<string, string>>(result.stdout.trim(), { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields?.slice(0, 4)).toEqual(["id", "firstName", "lastName", "email"]);
    expect(parsed.data).toHaveLength(3);
    expect(parsed.data.find((r) => r.email === email)).toMatchObject({ action: "INS", funnelStage: "ACTIVE", offer: "contoso.crm", touchpointCount: "2", phone: "'+44 20 7946 0958" });
  });

  it("refuses an unknown format, a bad date and an unknown tenant", async () => {
    const tenant = await newTenant();
    const badFormat = await leadrelay(["leads", "export", "--tenant", tenant.slug, "--format", "xml"]);
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toMatch(/Allowed choices are json, csv/);
    const badDate = await leadrelay(["leads", "export", "--tenant", tenant.slug, "--format", "csv", "--since", "last week"]);
    expect([badDate.code, badDate.stdout]).toEqual([1, ""]);
    expect(badDate.stderr).toMatch(/--since "last week" is not a date/);
    const unknown = await leadrelay(["leads", "export", "--tenant", "nobody-here", "--format", "csv"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No tenant with the slug/);
    expect(unknown.stderr).not.toMatch(STACK_LINE);
  });
});
