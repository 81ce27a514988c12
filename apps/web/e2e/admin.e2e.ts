import { randomBytes } from "node:crypto";
import { createDb, UserRepository, type Db } from "@leadrelay/db";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openBrowser, screenshot, type BrowserSession } from "./browser";

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const publisher = { name: "Paula Publisher", company: `Wingtip Toys ${run}`, email: `paula.${run}@wingtip.example`, password: "correct horse battery" };
const staff = { name: "Sam Staff", company: `Leadrelay Ops ${run}`, email: `sam.${run}@leadrelay.example`, password: "staff long passphrase" };
const feedbackMessage = `Leads from the Azure portal arrive without a company name.\nExample: <b>Contoso</b> ${run}`;
const answer = `Thanks, Paula! We fixed the field mapping for portal leads (${run}).`;
const failure = "HTTP 401 from crm.wingtip.example: the API key was rejected";
const secretCiphertext = `v1:secret-ciphertext-${run}`;
const configUrl = `https://crm.wingtip.example/hooks/${run}`;

/** A destination of the publisher's that keeps failing (as the worker leaves it), with one failed delivery. */
async function seedFailingDestination(db: Db, tenantId: string) {
  const destination = await db.destination.create({
    data: {
      tenantId, kind: "WEBHOOK", name: "Wingtip CRM webhook", config: { url: configUrl }, secretsCiphertext: secretCiphertext,
      state: "FAILING", consecutiveFailures: 6, lastFailureAt: new Date(), lastFailureReason: failure,
    },
    select: { id: true },
  });
  const now = new Date();
  const lead = await db.lead.create({ data: { tenantId, firstName: "Lee", funnelStage: "INITIAL", firstReceivedAt: now, lastReceivedAt: now }, select: { id: true } });
  const touchpoint = await db.touchpoint.create({
    data: { tenantId, leadId: lead.id, channel: "HTTPS", funnelStage: "INITIAL", idempotencyKey: `e2e-${run}` },
    select: { id: true },
  });
  await db.delivery.create({
    data: { tenantId, leadId: lead.id, touchpointId: touchpoint.id, destinationId: destination.id, status: "FAILED", attemptCount: 7, idempotencyKey: `e2e-${run}`, lastError: failure },
  });
}

async function signUp(page: Page, who: typeof publisher) {
  await page.goto(`${baseUrl}/sign-up`);
  await page.getByLabel("Your name").fill(who.name);
  await page.getByLabel("Company (publisher) name").fill(who.company);
  await page.getByLabel("Work e-mail").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/leads$/);
}

/** Like expect.poll, with room for a busy machine. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 100 });

/**
 * Types into a controlled input once the page is interactive: text typed before
 * React hydrates is reset, so type again until the value sticks.
 */
async function fillWhenHydrated(page: Page, label: { role: "searchbox"; name: string }, value: string) {
  await page.waitForLoadState("networkidle");
  const input = page.getByRole(label.role, { name: label.name });
  await poll(async () => {
    if ((await input.inputValue()) !== value) await input.fill(value);
    await page.waitForTimeout(200);
    return input.inputValue();
  }).toBe(value);
}

const headingText = (page: Page) => page.getByRole("heading", { level: 1 }).first().textContent();

describe("a publisher sends feedback; an admin finds the tenant, suspends and reactivates it, and answers", () => {
  let db: Db;
  let publisherBrowser: BrowserSession;
  let staffBrowser: BrowserSession;
  let pub: Page;
  let adm: Page;

  beforeAll(async () => {
    db = createDb(inject("databaseUrl"), 2);
    [publisherBrowser, staffBrowser] = await Promise.all([openBrowser(), openBrowser()]);
    pub = publisherBrowser.page;
    adm = staffBrowser.page;
  });
  afterAll(async () => {
    await publisherBrowser?.close();
    await staffBrowser?.close();
    await db?.$disconnect();
  });

  // Keep a picture of whatever went wrong, from both sides.
  const step = (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      try {
        await fn();
      } catch (error) {
        await screenshot(pub, `failure-publisher-${name}`).catch(() => undefined);
        await screenshot(adm, `failure-admin-${name}`).catch(() => undefined);
        throw error;
      }
    });

  step("the publisher signs up and sends feedback from the Feedback page", async () => {
    await signUp(pub, publisher);
    await pub.goto(`${baseUrl}/feedback`);
    await pub.waitForLoadState("networkidle");
    await poll(() => pub.getByText("No feedback sent yet").isVisible()).toBe(true);

    // Sending without filling anything explains what is missing.
    await pub.getByRole("button", { name: "Send feedback" }).click();
    await poll(() => pub.getByText("Choose a category.").isVisible()).toBe(true);
    await poll(() => pub.getByText("Choose how satisfied you are, from 1 to 5.").isVisible()).toBe(true);
    await screenshot(pub, "feedback-empty-invalid");

    await pub.getByLabel("What is it about?").selectOption("MISSING_DATA");
    const happy = pub.getByRole("radio", { name: "4 – Happy" });
    await pub.locator("label", { has: happy }).click();
    expect(await happy.isChecked()).toBe(true);
    await pub.getByLabel("Message").fill(feedbackMessage);
    await pub.getByRole("button", { name: "Send feedback" }).click();

    const thread = pub.getByTestId("feedback-thread").first();
    await poll(() => thread.isVisible()).toBe(true);
    // Plain text: the markup shows literally, the line break is kept.
    expect(await thread.getByText("Example: <b>Contoso</b>").isVisible()).toBe(true);
    expect(await thread.locator("b").count()).toBe(0);
    expect(await thread.getByText("Sent", { exact: true }).isVisible()).toBe(true);
    expect(await pub.getByLabel("Message").inputValue()).toBe("");
    await screenshot(pub, "feedback-sent");
  });

  step("staff becomes a platform admin and finds the publisher by search", async () => {
    await signUp(adm, staff);
    const user = await new UserRepository(db).findByEmail(staff.email);
    await new UserRepository(db).update(user!.id, { isPlatformAdmin: true });

    const tenant = await db.tenant.findFirstOrThrow({ where: { name: publisher.company }, select: { id: true } });
    await seedFailingDestination(db, tenant.id);

    await adm.goto(`${baseUrl}/admin`);
    await poll(() => adm.getByRole("navigation", { name: "Admin console" }).isVisible()).toBe(true);
    await fillWhenHydrated(adm, { role: "searchbox", name: "Search by name or slug" }, `wingtip toys ${run}`);
    const row = adm.getByRole("row").filter({ hasText: publisher.company });
    await poll(() => adm.getByRole("row").count()).toBe(2); // the header and the match
    expect(await row.getByText("Active").isVisible()).toBe(true);
    expect(await row.getByText("1 failing or paused").isVisible()).toBe(true);
    await screenshot(adm, "admin-tenants-search");

    await row.getByRole("link", { name: publisher.company, exact: true }).click();
    await adm.waitForURL(/\/admin\/tenants\/[^/]+$/);
    await adm.waitForLoadState("networkidle");
    await poll(() => headingText(adm)).toBe(publisher.company);
    // Why its leads fail, without any of the destination's settings or secrets.
    await poll(() => adm.getByText(failure).count()).toBe(2); // the destination and its failed delivery
    expect(await adm.getByText("6 failures in a row").isVisible()).toBe(true);
    const html = await adm.content();
    expect(html).not.toContain(secretCiphertext);
    expect(html).not.toContain(configUrl);
    expect(await adm.getByRole("link", { name: "Feedback (1 open)" }).isVisible()).toBe(true);
    expect(await adm.getByRole("cell", { name: publisher.email }).count()).toBeGreaterThan(0);
    await screenshot(adm, "admin-tenant-detail");
  });

  step("suspending the tenant shows the publisher the suspended notice on their next page load", async () => {
    await adm.getByRole("button", { name: "Suspend" }).click();
    const dialog = adm.getByRole("dialog");
    await poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole("button", { name: "Suspend" }).click();
    await poll(() => adm.getByRole("button", { name: "Reactivate" }).isVisible()).toBe(true);
    await poll(() => adm.getByText(/^Suspended since /).isVisible()).toBe(true);
    await screenshot(adm, "admin-tenant-suspended");

    await pub.reload();
    await poll(() => headingText(pub)).toBe("This publisher account is suspended");
    expect(await pub.getByText("Leads sent to it are still captured and kept.", { exact: false }).isVisible()).toBe(true);
    await screenshot(pub, "publisher-suspended");
  });

  step("reactivating gives the publisher their account back", async () => {
    await adm.getByRole("button", { name: "Reactivate" }).click();
    await poll(() => adm.getByRole("button", { name: "Suspend" }).isVisible()).toBe(true);
    await pub.reload();
    await poll(() => headingText(pub)).toBe("Feedback");
    await poll(() => pub.getByTestId("feedback-thread").count()).toBe(1);
  });

  step("the admin answers the feedback from the inbox, and the audit log shows what they did", async () => {
    await adm.getByRole("link", { name: "Feedback (1 open)" }).click();
    await adm.waitForURL(/\/admin\/feedback\?tenant=/);
    await adm.waitForLoadState("networkidle");
    const item = adm.getByRole("button").filter({ hasText: publisher.company });
    await poll(() => item.count()).toBe(1);
    await item.click();
    const detail = adm.getByRole("region", { name: "Missing data" });
    await poll(() => detail.isVisible()).toBe(true);
    expect(await detail.getByText("Example: <b>Contoso</b>").isVisible()).toBe(true);
    expect(await detail.getByText(publisher.email).isVisible()).toBe(true);
    await detail.getByLabel("Answer the publisher").fill(answer);
    await detail.getByRole("button", { name: "Send answer" }).click();
    await poll(() => detail.getByText(answer).isVisible()).toBe(true);
    await poll(() => item.textContent()).toContain("Answered");
    await screenshot(adm, "admin-feedback-answered");
    await adm.setViewportSize({ width: 390, height: 844 });
    await screenshot(adm, "admin-feedback-answered-phone");
    await adm.setViewportSize({ width: 1280, height: 860 });

    await adm.getByRole("link", { name: "Audit log" }).click();
    await adm.waitForURL(/\/admin\/audit/);
    for (const action of ["tenant.suspended", "tenant.reactivated", "feedback.answered"]) {
      await poll(() => adm.getByRole("cell", { name: action }).count()).toBeGreaterThan(0);
    }
    await screenshot(adm, "admin-audit-log");

    await adm.getByRole("link", { name: "Delivery health" }).click();
    await poll(() => headingText(adm)).toBe("Delivery health");
    await poll(() => adm.getByText("Jobs in queue").isVisible()).toBe(true);
    const unhealthy = adm.getByRole("row").filter({ hasText: "Wingtip CRM webhook" });
    await poll(() => unhealthy.count()).toBeGreaterThan(0);
    expect(await unhealthy.first().getByText(publisher.company).isVisible()).toBe(true);
    await screenshot(adm, "admin-delivery-health");
  });

  step("the publisher sees the team's answer", async () => {
    await pub.reload();
    const thread = pub.getByTestId("feedback-thread").first();
    await poll(() => thread.getByTestId("staff-reply").textContent()).toContain(answer);
    expect(await thread.getByTestId("staff-reply").getByText("Leadrelay team").isVisible()).toBe(true);
    expect(await thread.getByText("Answered", { exact: true }).isVisible()).toBe(true);
    // The staff member's own account stays private.
    expect(await thread.getByText(staff.email).count()).toBe(0);
    await screenshot(pub, "feedback-answered");
    await pub.setViewportSize({ width: 390, height: 844 });
    await screenshot(pub, "feedback-answered-phone");
  });
});

// Provided by test/global-setup.ts (outside this package's TypeScript project).
declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
