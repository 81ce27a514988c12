import { randomBytes } from "node:crypto";
import { createDb, type Db } from "@leadrelay/db";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openBrowser, screenshot, type BrowserSession } from "./browser";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const seller = { name: "Sofia Seller", company: `Northwind ${run}`, email: `sofia.${run}@northwind.example`, password: "correct horse battery" };
const HOUR = 3_600_000;
/** The page is never wider than the window (wide content scrolls inside its own box). */
const overflowsWindow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
/** Pages load data after they render: give each expectation a few seconds. */
const poll = <T,>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { timeout });

/** Later today in UTC (the app's time zone), or null in the last minutes of the day. */
function laterTodayUtc(): Date | null {
  const midnight = new Date().setUTCHours(24, 0, 0, 0);
  const at = Math.min(Date.now() + 30 * 60_000, midnight - 2 * 60_000);
  return at > Date.now() + 2 * 60_000 ? new Date(at) : null;
}
const datetimeLocal = (d: Date) => d.toISOString().slice(0, 16);

describe("a seller works the pipeline: board, qualification, a logged call, today's list, insights", () => {
  let db: Db;
  let browser: BrowserSession;
  let page: Page;
  let tenantId = "";
  const leadIds: Record<string, string> = {};
  /** Uncaught errors in the page, reported with the failing step. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    db = createDb(inject("databaseUrl"), 2);
    browser = await openBrowser();
    page = browser.page;
    page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));
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
        await screenshot(page, `failure-follow-up-${name}`).catch(() => undefined);
        if (pageErrors.length > 0) console.error(`Errors in the page:\n${pageErrors.join("\n\n")}`);
        throw error;
      }
    });

  step("the seller signs up, and leads arrive from the marketplace", async () => {
    await page.goto(`${baseUrl}/sign-up`);
    await page.getByLabel("Your name").fill(seller.name);
    await page.getByLabel("Company (publisher) name").fill(seller.company);
    await page.getByLabel("Work e-mail").fill(seller.email);
    await page.getByLabel("Password").fill(seller.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/leads$/);

    const user = await db.user.findUniqueOrThrow({ where: { email: seller.email }, include: { memberships: true } });
    tenantId = user.memberships[0]!.tenantId;
    const people = [
      { firstName: "Grace", lastName: "Hopper", company: "Contoso", source: "AzureMarketplace", action: "INS", funnelStage: "ACTIVE" as const, hoursAgo: 30 },
      { firstName: "Alan", lastName: "Turing", company: "Fabrikam", source: "AppSource (SPZA)", action: "PLT", funnelStage: "INITIAL" as const, hoursAgo: 50 },
      { firstName: "Ada", lastName: "Lovelace", company: "Litware", source: "AzurePortal", action: "Create", funnelStage: "ACTIVE" as const, hoursAgo: 5 },
      { firstName: "Edsger", lastName: "Dijkstra", company: "Adatum", source: "AppSource (SPZA)", action: "DNC", funnelStage: "DO_NOT_CONTACT" as const, hoursAgo: 80 },
    ];
    for (const p of people) {
      const at = new Date(Date.now() - p.hoursAgo * HOUR);
      const email = `${p.firstName.toLowerCase()}.${run}@${p.company.toLowerCase()}.example`;
      const lead = await db.lead.create({
        data: {
          tenantId, firstName: p.firstName, lastName: p.lastName, company: p.company, email, source: p.source, action: p.action, funnelStage: p.funnelStage,
          offerTitle: "Northwind CRM", firstReceivedAt: at, lastReceivedAt: at, searchText: `${p.firstName} ${p.lastName} ${email} ${p.company}`.toLowerCase(),
        },
      });
      leadIds[p.firstName] = lead.id;
    }
    // A Microsoft test lead: never on the board, never in the numbers.
    const now = new Date();
    await db.lead.create({ data: { tenantId, firstName: "MSFT_TEST_1", isTest: true, funnelStage: "ACTIVE", firstReceivedAt: now, lastReceivedAt: now } });
  });

  step("the board shows every real lead in New; Grace is dragged to Qualified", async () => {
    await page.goto(`${baseUrl}/follow-up?view=board`);
    const newColumn = page.getByTestId("column-New");
    await poll(() => newColumn.getByRole("listitem").count()).toBe(4);
    expect(await page.getByText("MSFT_TEST_1").count()).toBe(0);
    await screenshot(page, "follow-up-board");

    const card = page.getByTestId(`card-${leadIds.Grace}`);
    const target = page.getByTestId("column-Qualified");
    const from = (await card.boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height - 12);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height, { steps: 4 });
    await page.mouse.move(to.x + to.width / 2, to.y + 90, { steps: 20 });
    await page.mouse.up();

    await poll(() => target.getByTestId(`card-${leadIds.Grace}`).count()).toBe(1);
    await poll(() => page.getByText(`Grace Hopper moved to Qualified.`).isVisible()).toBe(true);
    expect(await newColumn.getByRole("listitem").count()).toBe(3);
  });

  step("the keyboard alternative moves Alan to Contacted", async () => {
    await page.getByRole("button", { name: "Move Alan Turing to another stage" }).click();
    await page.getByRole("menuitem", { name: "Contacted" }).click();
    await poll(() => page.getByTestId("column-Contacted").getByTestId(`card-${leadIds.Alan}`).count()).toBe(1);
  });

  step("Grace's panel: the seller takes her, completes the checklist and sees her qualified", async () => {
    await page.getByTestId(`card-${leadIds.Grace}`).getByRole("button", { name: /^Grace Hopper/ }).click();
    const panel = page.getByTestId("lead-follow-up-panel");
    await poll(() => panel.isVisible()).toBe(true);
    await panel.getByLabel("Owner").selectOption({ label: seller.name });
    await poll(() => page.getByText(`Assigned to ${seller.name}.`).isVisible()).toBe(true);

    await poll(() => panel.getByText("Missing: Budget, Authority, Need, Timeline").isVisible()).toBe(true);
    for (const label of ["Budget", "Authority", "Need"]) {
      await panel.getByRole("checkbox", { name: new RegExp(`^${label}`) }).check();
      await poll(() => panel.getByRole("checkbox", { name: new RegExp(`^${label}`) }).isChecked()).toBe(true);
    }
    await poll(() => panel.getByText("Missing: Timeline").isVisible()).toBe(true);
    await panel.getByRole("checkbox", { name: /^Timeline/ }).check();
    await poll(() => panel.getByTestId("qualified-badge").isVisible()).toBe(true);
  });

  step("she logs a call with its outcome and schedules the next follow-up for later today", async () => {
    const panel = page.getByTestId("lead-follow-up-panel");
    const form = panel.getByRole("form", { name: "Log a follow-up" });
    await form.getByText("Call", { exact: true }).click();
    await form.getByLabel("Outcome").fill("Reached — wants pricing");
    await form.getByLabel("Notes").fill("Budget approved for Q3; send the enterprise quote.");
    const later = laterTodayUtc() ?? new Date(Date.now() + 3 * 60_000);
    await form.getByLabel(/^Next follow-up/).fill(datetimeLocal(later));
    await form.getByRole("button", { name: "Log call" }).click();
    await poll(() => page.getByText("Call logged.").isVisible()).toBe(true);
    await poll(() => panel.getByText("1 of 5–12 follow-ups: keep going.").isVisible()).toBe(true);
    await poll(() => panel.getByText(/logged: call — Reached — wants pricing/).isVisible()).toBe(true);
    await poll(() => panel.getByText("Budget approved for Q3; send the enterprise quote.").isVisible()).toBe(true);
    await screenshot(page, "follow-up-lead-panel");
    await panel.getByRole("heading", { name: "Timeline" }).scrollIntoViewIfNeeded();
    await screenshot(page, "follow-up-lead-timeline");
  });

  step("the do-not-contact lead refuses calls but takes a note", async () => {
    await page.keyboard.press("Escape");
    await page.getByTestId(`card-${leadIds.Edsger}`).getByRole("button", { name: /^Edsger Dijkstra/ }).click();
    const panel = page.getByTestId("lead-follow-up-panel");
    await poll(() => panel.getByText(/Do not contact: Microsoft shared this lead as a signal only/).isVisible()).toBe(true);
    const form = panel.getByRole("form", { name: "Log a follow-up" });
    expect(await form.getByRole("radio", { name: "Call" }).isDisabled()).toBe(true);
    await form.getByLabel("Notes").fill("Cross-listing signal; do not reach out.");
    await form.getByRole("button", { name: "Add note" }).click();
    await poll(() => page.getByText("Note added.").isVisible()).toBe(true);
    await page.keyboard.press("Escape");
  });

  step("today's list shows Grace for the seller, under the morning's digest notice", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: seller.email } });
    const digest = `Your follow-ups in ${seller.company}: 1 due today`;
    await db.notification.create({ data: { tenantId, userId: user.id, kind: "followup.digest", title: digest, body: "• Grace Hopper (Contoso) — due", link: "/follow-up" } });
    await page.goto(`${baseUrl}/follow-up`);
    await poll(() => page.getByText(digest).isVisible()).toBe(true);
    await poll(() => page.getByTestId(`due-${leadIds.Grace}`).isVisible()).toBe(true);
    const section = laterTodayUtc() ? "Due today" : "Overdue";
    await poll(() => page.getByRole("heading", { name: new RegExp(`^${section}`) }).isVisible()).toBe(true);
    await screenshot(page, "follow-up-today");
    await page.getByRole("button", { name: "Mark all as read" }).click();
    await poll(() => page.getByText(digest).count()).toBe(0);
  });

  step("the list flags what needs attention, and the settings show the pipeline and checklist", async () => {
    await page.goto(`${baseUrl}/follow-up?view=list`);
    await poll(() => page.getByRole("row").count()).toBe(5);
    await page.getByLabel("Show").selectOption({ label: "Not contacted within 24 h" });
    await poll(() => page.getByRole("row").count()).toBe(2); // Alan only: Grace was called, Ada is fresh, Edsger is DNC
    await page.getByLabel("Show").selectOption({ label: "All leads" });
    await screenshot(page, "follow-up-list");
    await page.goto(`${baseUrl}/follow-up?view=settings`);
    await poll(() => page.getByRole("heading", { name: "Pipeline stages" }).isVisible()).toBe(true);
    await poll(() => page.getByRole("textbox", { name: "Criterion", exact: true }).count()).toBe(4);
    await screenshot(page, "follow-up-settings");
  });

  step("the inbox shows each lead's owner and stage, and filters by owner (Me, Unassigned) and stage in the URL", async () => {
    const row = (name: string) => page.getByTestId("lead-row").filter({ hasText: name });
    await page.goto(`${baseUrl}/leads`);
    await poll(() => row("Grace Hopper").getByTestId("lead-owner").textContent()).toContain(seller.name);
    expect(await row("Grace Hopper").textContent()).toContain("Qualified");
    expect(await row("Alan Turing").getByTestId("lead-owner").textContent()).toContain("Unassigned");
    expect(await row("Alan Turing").textContent()).toContain("Contacted");
    await page.getByLabel("Owner", { exact: true }).selectOption("me");
    await page.waitForURL(/owner=me/);
    await poll(() => page.getByTestId("lead-row").count()).toBe(1);
    await page.reload();
    await poll(() => row("Grace Hopper").count()).toBe(1);
    expect(await page.getByTestId("lead-row").count()).toBe(1);
    await page.getByLabel("Owner", { exact: true }).selectOption("unassigned");
    await page.waitForURL(/owner=unassigned/);
    await page.getByLabel("Pipeline stage").selectOption({ label: "Contacted" });
    await page.waitForURL(/owner=unassigned.*pipeline=/);
    await poll(() => page.getByTestId("lead-row").allTextContents()).toEqual([expect.stringContaining("Alan Turing")]);
    await page.getByLabel("Pipeline stage").selectOption("");
    await poll(() => page.getByTestId("lead-row").count()).toBe(3); // Alan, Ada and Edsger have no owner
    await screenshot(page, "leads-inbox-owner-stage");
    await page.setViewportSize({ width: 1920, height: 900 });
    await screenshot(page, "leads-inbox-owner-stage-1920");
    await page.setViewportSize({ width: 390, height: 844 });
    await poll(() => row("Alan Turing").getByTestId("lead-owner-compact").isVisible()).toBe(true);
    expect(await overflowsWindow(page)).toBe(false);
    await screenshot(page, "leads-inbox-owner-stage-390");
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  step("an admin gives an offer a default owner for by-offer assignment", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: seller.email } });
    const offer = await db.offer.create({ data: { tenantId, publisherId: "northwind", offerId: `sync-${run}`, title: "Northwind Sync", type: "SAAS" } });
    await page.goto(`${baseUrl}/offers/${offer.id}`);
    const card = page.getByTestId("offer-default-owner");
    await poll(() => card.getByLabel("Default owner of new leads").isEnabled()).toBe(true);
    await card.getByLabel("Default owner of new leads").selectOption({ label: seller.name });
    await poll(() => page.getByText(`${seller.name} now gets this offer’s new leads.`).isVisible()).toBe(true);
    expect((await db.offer.findUniqueOrThrow({ where: { id: offer.id } })).defaultOwnerId).toBe(user.id);
    await screenshot(page, "offer-default-owner");
  });

  step("the insights page charts the leads, without the test lead", async () => {
    await page.goto(`${baseUrl}/insights`);
    await poll(() => page.getByTestId("kpi-leads").locator("dd").first().textContent(), 15_000).toBe("4");
    await poll(() => page.locator("[data-testid=chart-leads-over-time] .recharts-bar-rectangle").count(), 15_000).toBeGreaterThan(0);
    await poll(() => page.locator("[data-testid=chart-funnel] .recharts-bar-rectangle").count()).toBeGreaterThan(0);
    await poll(() => page.locator("[data-testid=chart-follow-ups] .recharts-bar-rectangle").count()).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Action", exact: true }).click();
    await poll(() => page.locator("[data-testid=chart-leads-over-time] .recharts-legend-item").allTextContents()).toEqual(expect.arrayContaining(["INS", "PLT", "Create", "DNC"]));
    await poll(() => page.getByRole("row", { name: new RegExp(seller.name) }).isVisible()).toBe(true);
    expect(await overflowsWindow(page)).toBe(false);
    await screenshot(page, "insights");
  });

  step("days are cut in the browser's time zone: the page learns it on the first visit", async () => {
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Emulation.setTimezoneOverride", { timezoneId: "Asia/Kolkata" });
    try {
      await page.goto(`${baseUrl}/insights`);
      // The first render is in the zone the server knew; the browser tells it its own, and the page refreshes.
      // Chromium names the zone by its older alias, Asia/Calcutta.
      await poll(() => page.getByText(/Days in Asia\/(Kolkata|Calcutta)\./).isVisible(), 15_000).toBe(true);
      await poll(() => page.getByTestId("kpi-leads").locator("dd").first().textContent(), 15_000).toBe("4");
    } finally {
      await cdp.send("Emulation.setTimezoneOverride", { timezoneId: "UTC" });
      await page.goto(`${baseUrl}/insights`);
      await poll(() => page.getByText("Days in UTC.").isVisible(), 15_000).toBe(true);
      await cdp.detach();
    }
  });

  step("in Russian, the board and the insights speak Russian", async () => {
    await browser.context.addCookies([{ name: "NEXT_LOCALE", value: "ru", url: baseUrl }]);
    await page.goto(`${baseUrl}/follow-up?view=board`);
    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Работа с лидами");
    await poll(() => page.getByText("Не связываться").first().isVisible()).toBe(true);
    expect(await overflowsWindow(page)).toBe(false);
    await screenshot(page, "follow-up-board-ru");
    await page.goto(`${baseUrl}/insights`);
    await poll(() => page.getByTestId("kpi-leads").locator("dd").first().textContent(), 15_000).toBe("4");
    await poll(() => page.locator("[data-testid=chart-funnel] .recharts-bar-rectangle").count(), 15_000).toBeGreaterThan(0);
    expect(await overflowsWindow(page)).toBe(false);
    await screenshot(page, "insights-ru");
    expect(pageErrors).toEqual([]);
  });
});
