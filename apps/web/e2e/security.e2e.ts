/**
 * Browser security: sign-in is rate limited where people see it (the lockout message),
 * and secrets never come back. After a webhook signing secret, a Dynamics 365 client
 * secret and an API token are stored, every page of the app — the publisher's and, as
 * staff, the admin console — and every response the browser receives while walking them
 * is searched for the secret strings. (leads.e2e covers HTML in lead fields shown as text.)
 */
import { randomBytes } from "node:crypto";
import { createDb, type Db } from "@leadrelay/db";
import { generateWebhookSecret } from "@leadrelay/destinations";
import { encode } from "next-auth/jwt";
import type { Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openBrowser, screenshot, type BrowserSession } from "./browser";

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const T = { timeout: 15_000 };

/** Calls a procedure over HTTP as the app's client does (superjson), returning the raw answer too. */
async function trpc<T>(cookie: string, path: string, input: unknown, type: "query" | "mutation" = "mutation"): Promise<{ data: T; raw: string }> {
  const response =
    type === "query"
      ? await fetch(`${baseUrl}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers: { cookie } })
      : await fetch(`${baseUrl}/api/trpc/${path}`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ json: input }) });
  const raw = await response.text();
  expect(response.status, `${path}: ${raw}`).toBe(200);
  return { data: (JSON.parse(raw) as { result: { data: { json: T } } }).result.data.json, raw };
}

describe("sign-in rate limit and secrets in the browser", () => {
  let browser: BrowserSession;
  let page: Page;
  let db: Db;

  beforeAll(async () => {
    browser = await openBrowser();
    page = browser.page;
    db = createDb(inject("databaseUrl"));
  });
  afterAll(async () => {
    await browser?.close();
    await db?.$disconnect();
  });

  const step = (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      try {
        await fn();
      } catch (error) {
        await screenshot(page, `failure-security-${name}`).catch(() => undefined);
        throw error;
      }
    });

  step("after 5 wrong passwords the sign-in page shows the lockout, even for the right password", async () => {
    const email = `rita.${run}@ratelimit.example`;
    const password = "the right passphrase 7";
    const signUp = await fetch(`${baseUrl}/api/trpc/account.signUp`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${50 + (Number.parseInt(run, 16) % 100)}` },
      body: JSON.stringify({ json: { name: "Rita Ratelimit", email, password, companyName: `Ratelimit ${run}` } }),
    });
    expect(signUp.status, await signUp.clone().text()).toBe(200);

    await page.goto(`${baseUrl}/sign-in`);
    const attempt = async (pass: string) => {
      await page.getByLabel("Work e-mail").fill(email);
      await page.getByLabel("Password").fill(pass);
      await Promise.all([
        page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"), T),
        page.getByRole("button", { name: "Sign in" }).click(),
      ]);
    };
    const invalid = page.getByText("The e-mail or password is not right.");
    const locked = page.getByText("Too many failed attempts. For your security, sign-in is locked for a few minutes.");
    for (let i = 1; i <= 5; i++) {
      await attempt(`wrong passphrase ${i}`);
      await expect.poll(() => invalid.isVisible(), T).toBe(true);
      expect(await locked.isVisible()).toBe(false);
    }
    await attempt("wrong passphrase 6");
    await expect.poll(() => locked.isVisible(), T).toBe(true);
    await screenshot(page, "sign-in-locked");
    await attempt(password);
    await expect.poll(() => locked.isVisible(), T).toBe(true);
    expect(page.url()).toContain("/sign-in");
  });

  step("no page and no response shows a stored secret, to the publisher or to staff", async () => {
    // A publisher with a session, signed in the way Auth.js signs its cookie.
    const email = `sid.${run}@secrets.example`;
    const signUp = await fetch(`${baseUrl}/api/trpc/account.signUp`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${150 + (Number.parseInt(run, 16) % 100)}` },
      body: JSON.stringify({ json: { name: "Sid Secrets", email, password: "secret keeper passphrase", companyName: `Secrets ${run}` } }),
    });
    const signedUp = (JSON.parse(await signUp.text()) as { result: { data: { json: { userId: string; tenant: { id: string } } } } }).result.data.json;
    const jwt = await encode({ token: { sub: signedUp.userId }, secret: process.env.AUTH_SECRET!, salt: "authjs.session-token" });
    const cookie = `authjs.session-token=${jwt}`;
    await browser.context.addCookies([{ name: "authjs.session-token", value: jwt, url: baseUrl }]);

    const signingSecret = generateWebhookSecret();
    const headerSecret = `hdr-secret-${run}-${randomBytes(8).toString("hex")}`;
    const clientSecret = `dyn~secret.${run}_${randomBytes(12).toString("base64url")}`;
    const webhook = await trpc<{ destination: { id: string } }>(cookie, "destinations.create", {
      kind: "WEBHOOK",
      name: "Secret webhook",
      offerId: null,
      config: { url: "http://127.0.0.1:9/hooks/leads" },
      secrets: { signingSecret, headers: { "X-Api-Key": headerSecret } },
    });
    const dynamics = await trpc<{ destination: { id: string } }>(cookie, "destinations.create", {
      kind: "DYNAMICS_365",
      name: "Secret Dynamics",
      offerId: null,
      config: { instanceUrl: "https://contoso.crm4.dynamics.com", tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47", clientId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301" },
      secrets: { clientSecret },
    });
    // Shown once, on creation: that answer is the only place the token may appear.
    const { data: created } = await trpc<{ token: string }>(cookie, "apiTokens.create", { name: `sync ${run}`, scopes: ["leads:read"] });
    const apiToken = created.token;
    expect(apiToken).toMatch(/^lr_/);
    const secrets = { signingSecret, signingKey: signingSecret.replace(/^whsec_/, ""), headerSecret, clientSecret, apiToken };
    // The answers to creating destinations do not echo their secrets either.
    for (const raw of [webhook.raw, dynamics.raw]) for (const value of Object.values(secrets)) expect(raw).not.toContain(value);

    // A lead that went to both destinations, so lead, delivery and destination pages have content.
    const { data: endpoint } = await trpc<{ endpoint: { url: string } }>(cookie, "captureEndpoints.create", { offerId: null });
    const captured = await fetch(endpoint.endpoint.url.replace(/^https?:\/\/[^/]+/, baseUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ UserDetails: { FirstName: "Sam", LastName: "Secret", Email: `sam.${run}@contoso.example` }, LeadSource: "AzureMarketplace", ActionCode: "INS", OfferTitle: "Secrets" }),
    });
    const leadId = ((await captured.json()) as { id: string }).id;

    const seen: { where: string; text: string }[] = [];
    const onResponse = (response: Response) => {
      if (!response.url().startsWith(baseUrl)) return;
      void response.text().then(
        (text) => seen.push({ where: `${response.request().method()} ${response.url()}`, text }),
        () => undefined,
      );
    };
    page.on("response", onResponse);
    const visit = async (path: string) => {
      await page.goto(`${baseUrl}${path}`);
      await page.waitForLoadState("networkidle");
      seen.push({ where: `page ${path}`, text: await page.content() });
    };

    const publisherPages = [
      "/leads",
      `/leads/${leadId}`,
      "/offers",
      `/offers/destinations/${webhook.data.destination.id}`,
      `/offers/destinations/${dynamics.data.destination.id}`,
      "/settings",
      "/settings/api",
    ];
    for (const path of publisherPages) await visit(path);
    // The destination pages really show the destinations (so the search means something).
    expect(seen.find((s) => s.where === `page /offers/destinations/${dynamics.data.destination.id}`)?.text).toContain("Secret Dynamics");
    // And the API, as the browser's client and an integration would read it.
    for (const id of [webhook.data.destination.id, dynamics.data.destination.id]) {
      seen.push({ where: `destinations.get ${id}`, text: (await trpc(cookie, "destinations.get", { id }, "query")).raw });
    }
    seen.push({ where: "destinations.list", text: (await trpc(cookie, "destinations.list", {}, "query")).raw });
    seen.push({ where: "apiTokens.list", text: (await trpc(cookie, "apiTokens.list", undefined, "query")).raw });

    // The same person as platform staff: the admin console.
    await db.user.update({ where: { id: signedUp.userId }, data: { isPlatformAdmin: true } });
    for (const path of [`/admin/tenants/${signedUp.tenant.id}`, "/admin/health", "/admin/audit"]) await visit(path);
    expect(seen.find((s) => s.where === `page /admin/tenants/${signedUp.tenant.id}`)?.text).toContain(`Secrets ${run}`);
    page.off("response", onResponse);

    expect(seen.filter((s) => s.where.includes("/api/trpc")).length).toBeGreaterThan(0);
    const leaks = seen.flatMap((s) => Object.entries(secrets).filter(([, value]) => s.text.includes(value)).map(([name]) => `${name} in ${s.where}`));
    expect(leaks).toEqual([]);
  });
});
