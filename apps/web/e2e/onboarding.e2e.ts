import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { openBrowser, screenshot, type BrowserSession } from "./browser";

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const owner = { name: "Olivia Owner", company: `Contoso ${run}`, email: `olivia.${run}@contoso.example`, password: "correct horse battery" };
const teammate = { name: "Tom Teammate", company: `Fabrikam ${run}`, email: `tom.${run}@fabrikam.example`, password: "another long passphrase" };

async function signUp(page: Page, who: typeof owner, path = "/sign-up") {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel("Your name").fill(who.name);
  await page.getByLabel("Company (publisher) name").fill(who.company);
  const email = page.getByLabel("Work e-mail");
  if ((await email.inputValue()) === "") await email.fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

async function signOut(page: Page, email: string) {
  await page.getByRole("button", { name: email }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in/);
}

describe("a publisher signs up, invites a teammate who joins, and both switch tenants", () => {
  let browser: BrowserSession;
  let page: Page;
  let inviteUrl = "";

  beforeAll(async () => {
    browser = await openBrowser();
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
  });

  // Keep a picture of whatever went wrong.
  const step = (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      try {
        await fn();
      } catch (error) {
        await screenshot(page, `failure-${name}`).catch(() => undefined);
        throw error;
      }
    });

  step("sign-up refuses a weak password with a clear message", async () => {
    await page.goto(`${baseUrl}/sign-up`);
    await page.getByLabel("Your name").fill(owner.name);
    await page.getByLabel("Company (publisher) name").fill(owner.company);
    await page.getByLabel("Work e-mail").fill(owner.email);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => page.getByText("Use at least 10 characters.").isVisible()).toBe(true);
    expect(page.url()).toContain("/sign-up");
  });

  step("the owner signs up and lands in their new publisher account", async () => {
    await signUp(page, owner);
    await page.waitForURL(/\/leads$/);
    await expect.poll(() => page.getByRole("button", { name: "Switch publisher account" }).textContent()).toContain(owner.company);
    await screenshot(page, "leads-empty");
  });

  step("the same e-mail cannot sign up twice", async () => {
    await signOut(page, owner.email);
    await signUp(page, { ...owner, company: "Another" });
    await expect.poll(() => page.getByText("An account with this e-mail already exists").isVisible()).toBe(true);
  });

  step("a wrong password is refused, the right one signs in", async () => {
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel("Work e-mail").fill(owner.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByText("The e-mail or password is not right.").isVisible()).toBe(true);
    await page.getByLabel("Password").fill(owner.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/leads$/);
  });

  step("the owner invites a teammate and gets the link", async () => {
    await page.goto(`${baseUrl}/settings`);
    await page.getByLabel("E-mail", { exact: true }).fill(teammate.email);
    await page.getByLabel("Role", { exact: true }).selectOption("ADMIN");
    await page.getByRole("button", { name: "Create invitation" }).click();
    const link = page.getByTestId("invite-link").getByRole("textbox");
    await expect.poll(() => link.inputValue()).toMatch(/\/invite\/[\w-]{20,}$/);
    inviteUrl = await link.inputValue();
    expect(inviteUrl.startsWith(baseUrl)).toBe(true);
    await expect.poll(() => page.getByText(teammate.email).count()).toBeGreaterThan(0);
    await screenshot(page, "settings-invited");
    await signOut(page, owner.email);
  });

  step("the teammate opens the link, creates an account and accepts", async () => {
    await page.goto(inviteUrl);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain(owner.company);
    await page.getByRole("link", { name: "Create an account to accept" }).click();
    await page.waitForURL(/\/sign-up/);
    expect(await page.getByLabel("Work e-mail").inputValue()).toBe(teammate.email);
    await signUp(page, teammate, new URL(page.url()).pathname + new URL(page.url()).search);
    await page.waitForURL(/\/invite\//);
    await page.getByRole("button", { name: "Accept invitation" }).click();
    await page.waitForURL(/\/leads$/);
    await expect.poll(() => page.getByRole("button", { name: "Switch publisher account" }).textContent()).toContain(owner.company);
  });

  step("a used invitation link cannot be used again", async () => {
    await page.goto(inviteUrl);
    await expect.poll(() => page.getByText("This invitation was already used.").isVisible()).toBe(true);
  });

  step("the teammate switches between their two publisher accounts", async () => {
    await page.goto(`${baseUrl}/leads`);
    await page.getByRole("button", { name: "Switch publisher account" }).click();
    await page.getByRole("menuitem", { name: teammate.company }).click();
    await expect.poll(() => page.getByRole("button", { name: "Switch publisher account" }).textContent(), { timeout: 15_000 }).toContain(teammate.company);
    await page.getByRole("button", { name: "Switch publisher account" }).click();
    await page.getByRole("menuitem", { name: owner.company }).click();
    await expect.poll(() => page.getByRole("button", { name: "Switch publisher account" }).textContent(), { timeout: 15_000 }).toContain(owner.company);
  });

  step("the owner sees the teammate as an admin member", async () => {
    await signOut(page, teammate.email);
    await page.getByLabel("Work e-mail").fill(owner.email);
    await page.getByLabel("Password").fill(owner.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/leads$/);
    await page.goto(`${baseUrl}/settings`);
    const row = page.getByTestId(`member-${teammate.email}`);
    await expect.poll(() => row.getByRole("combobox").inputValue()).toBe("ADMIN");
    await screenshot(page, "settings-members");
  });

  step("the interface switches to Russian and remembers it", async () => {
    await page.getByRole("combobox", { name: "Language" }).selectOption("ru");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Настройки");
    await page.reload();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Настройки");
    await screenshot(page, "settings-ru");
    await page.getByRole("combobox", { name: "Язык" }).selectOption("en");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Settings");
  });
});
