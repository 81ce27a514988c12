import { randomBytes } from "node:crypto";
import { startAzuriteTable, writeTableRows, type AzuriteTable } from "@leadrelay/destinations/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openBrowser, screenshot, type BrowserSession } from "./browser";

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const T = { timeout: 20_000 };

/** Two rows in the shape Microsoft writes to MarketplaceLeads (CustomerInfo is one JSON string). */
const rows = ["Ada", "Grace"].map((first, i) => ({
  PartitionKey: "2024-05-01",
  RowKey: `${run}-${i}`,
  ActionCode: "INS",
  CreatedTime: "5/1/2024 10:04:18 AM",
  CustomerInfo: JSON.stringify({ FirstName: first, LastName: `Table${run}`, Email: `${first.toLowerCase()}.${run}@contoso.example`, Company: "Contoso", Country: "GB" }),
  Description: "Imported from Azure Table",
  LeadSource: "AzureMarketplace-INS|contoso.analytics",
  OfferDisplayName: "Contoso Analytics",
}));

describe("a publisher imports leads from an Azure Table", () => {
  let browser: BrowserSession;
  let page: Page;
  let azurite: AzuriteTable;

  beforeAll(async () => {
    [browser, azurite] = await Promise.all([openBrowser(), startAzuriteTable()]);
    page = browser.page;
    await writeTableRows(azurite.connectionString, "MarketplaceLeads", rows);
  });
  afterAll(async () => {
    await Promise.allSettled([browser?.close(), azurite?.stop()]);
  });

  it("adds the table, syncs it now and finds the leads in the inbox", async () => {
    try {
      await page.goto(`${baseUrl}/sign-up`);
      await page.getByLabel("Your name").fill("Tara Tables");
      await page.getByLabel("Company (publisher) name").fill(`Tablewise ${run}`);
      await page.getByLabel("Work e-mail").fill(`tara.${run}@tablewise.example`);
      await page.getByLabel("Password").fill("correct horse battery");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL(/\/leads$/);

      await page.getByRole("link", { name: "Azure Table" }).click();
      await page.waitForURL(/\/leads\/imports$/);
      await expect.poll(() => page.getByRole("heading", { name: "No Azure Table imports yet" }).isVisible(), T).toBe(true);

      await page.getByRole("button", { name: "Add your first import" }).click();
      const dialog = page.getByRole("dialog");
      // A bad connection string is refused with a message on the field.
      await dialog.getByLabel("Connection string").fill("AccountName=contoso");
      await dialog.getByRole("button", { name: "Add import" }).click();
      await expect.poll(() => dialog.getByText("Paste the storage account's whole connection string").isVisible(), T).toBe(true);

      await dialog.getByLabel("Name", { exact: true }).fill("Contoso marketplace table");
      await dialog.getByLabel("Connection string").fill(azurite.connectionString);
      expect(await dialog.getByLabel("Table name").inputValue()).toBe("MarketplaceLeads");
      await dialog.getByRole("button", { name: "Add import" }).click();
      await expect.poll(() => dialog.isVisible(), T).toBe(false);

      const card = page.getByTestId("table-import").filter({ hasText: "Contoso marketplace table" });
      await expect.poll(() => card.isVisible(), T).toBe(true);
      await page.getByRole("button", { name: "Sync now" }).click();
      await expect.poll(() => page.getByText("Sync of “Contoso marketplace table” started").isVisible(), T).toBe(true);
      await expect.poll(() => card.getByText("Up to date").isVisible(), T).toBe(true);
      const text = (await card.textContent()) ?? "";
      expect(text).toContain("Imported in total2");
      expect(text).not.toContain("devstoreaccount1");
      await screenshot(page, "imports-page");

      await page.getByRole("link", { name: "Leads" }).first().click();
      await page.waitForURL(/\/leads$/);
      await expect.poll(() => page.getByTestId("lead-row").filter({ hasText: `Table${run}` }).count(), T).toBe(2);
    } catch (error) {
      await screenshot(page, "failure-imports").catch(() => undefined);
      throw error;
    }
  });
});
