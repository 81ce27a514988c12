import { randomBytes } from "node:crypto";
import { generateWebhookSecret } from "@leadrelay/destinations";
import { startAzuriteTable, startWebhookSink, type AzuriteTable, type WebhookSink } from "@leadrelay/destinations/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openBrowser, screenshot, type BrowserSession } from "./browser";

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const owner = { name: "Dana Destinations", company: `Northwind ${run}`, email: `dana.${run}@northwind.example`, password: "correct horse battery" };
const offer = { title: `Northwind Lead Manager ${run}`, publisherId: `northwind${run}`, offerId: "lead-manager" };

/** A lead as Partner Center's HTTPS endpoint posts it. */
function marketplaceLead(firstName: string, lastName: string, email: string) {
  return {
    UserDetails: { FirstName: firstName, LastName: lastName, Email: email, Phone: "+1 425 555 0100", Country: "US", Company: "Fabrikam", Title: "CTO" },
    LeadSource: "AzureMarketplace",
    ActionCode: "INS",
    OfferTitle: offer.title,
    Description: "Wants a demo",
  };
}

async function postLead(captureUrl: string, body: unknown) {
  const response = await fetch(captureUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
}

describe("a publisher sets up an offer, its capture URL and its lead destinations", () => {
  let browser: BrowserSession;
  let page: Page;
  let sink: WebhookSink;
  let azurite: AzuriteTable;
  const signingSecret = generateWebhookSecret();
  let offerPath = "";
  let captureUrl = "";
  let webhookPath = "";

  beforeAll(async () => {
    [browser, sink, azurite] = await Promise.all([openBrowser(), startWebhookSink(signingSecret), startAzuriteTable()]);
    page = browser.page;
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
  });
  afterAll(async () => {
    await browser?.close();
    await sink?.stop();
    await azurite?.stop();
  });

  const step = (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      try {
        await fn();
      } catch (error) {
        await screenshot(page, `failure-destinations-${name}`).catch(() => undefined);
        throw error;
      }
    });

  const dialog = () => page.getByRole("dialog");

  step("the publisher signs up and finds no offers yet", async () => {
    await page.goto(`${baseUrl}/sign-up`);
    await page.getByLabel("Your name").fill(owner.name);
    await page.getByLabel("Company (publisher) name").fill(owner.company);
    await page.getByLabel("Work e-mail").fill(owner.email);
    await page.getByLabel("Password").fill(owner.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/leads$/);
    await page.goto(`${baseUrl}/offers`);
    await expect.poll(() => page.getByText("No offers yet").isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByText("Every Consulting service offer").isVisible(), { timeout: 10_000 }).toBe(true);
    await screenshot(page, "offers-empty");
  });

  step("an offer is created; the form says when Partner Center requires a destination", async () => {
    await page.getByRole("button", { name: "Add offer" }).first().click();
    await dialog().getByLabel("Offer title").fill(offer.title);
    // Pasting publisherid.offerid fills both ids.
    await dialog().getByLabel("Publisher ID").focus();
    await page.evaluate((text) => navigator.clipboard.writeText(text), `${offer.publisherId}.${offer.offerId}`);
    await page.keyboard.press("ControlOrMeta+V");
    await expect.poll(() => dialog().getByLabel("Offer ID").inputValue(), { timeout: 10_000 }).toBe(offer.offerId);
    expect(await dialog().getByLabel("Publisher ID").inputValue()).toBe(offer.publisherId);
    await dialog().getByLabel("Offer type").selectOption("SAAS");
    await expect.poll(() => dialog().getByText("Optional for this offer").isVisible(), { timeout: 10_000 }).toBe(true);
    await dialog().getByLabel("Listed with “Contact me”").check();
    await expect.poll(() => dialog().getByText("Partner Center requires one for SaaS offers listed with Contact me.").isVisible(), { timeout: 10_000 }).toBe(true);
    // The default owner can be chosen right here: the only member, the signed-in owner.
    const ownerSelect = dialog().getByLabel("Default owner of new leads");
    await expect.poll(() => ownerSelect.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await ownerSelect.inputValue()).toBe("");
    await ownerSelect.selectOption({ index: 1 });
    const chosenOwner = await ownerSelect.inputValue();
    expect(chosenOwner).not.toBe("");
    await screenshot(page, "offer-dialog");
    await dialog().getByRole("button", { name: "Add offer" }).click();
    await page.waitForURL(/\/offers\/(?!destinations)[\w-]+$/);
    offerPath = new URL(page.url()).pathname;
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 10_000 }).toBe(offer.title);
    await expect.poll(() => page.getByTestId("offer-default-owner").getByLabel("Default owner of new leads").inputValue(), { timeout: 10_000 }).toBe(chosenOwner);
    await expect.poll(() => page.getByTestId("offer-ready").textContent(), { timeout: 10_000 }).toBe("Not ready");
  });

  step("the same ids cannot be added twice", async () => {
    await page.goto(`${baseUrl}/offers`);
    await page.getByRole("button", { name: "Add offer" }).first().click();
    await dialog().getByLabel("Offer title").fill("Duplicate");
    await dialog().getByLabel("Publisher ID").fill(offer.publisherId);
    await dialog().getByLabel("Offer ID").fill(offer.offerId);
    await dialog().getByLabel("Offer type").selectOption("AZURE_APPLICATION");
    await dialog().getByRole("button", { name: "Add offer" }).click();
    await expect.poll(() => dialog().getByText("already has an offer with these IDs").isVisible(), { timeout: 10_000 }).toBe(true);
    await dialog().getByRole("button", { name: "Cancel" }).click();
    const row = page.getByTestId(`offer-${offer.publisherId}.${offer.offerId}`);
    await expect.poll(() => row.getByText("Required", { exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);
  });

  step("the offer's capture URL is copied, with the Partner Center steps beside it", async () => {
    await page.goto(`${baseUrl}${offerPath}`);
    const field = page.getByLabel("Capture URL of this offer");
    captureUrl = await field.inputValue();
    expect(captureUrl).toMatch(new RegExp(`^${baseUrl}/api/capture/lrc_[\\w-]+$`));
    await page.getByTestId("offer-capture-url").getByRole("button", { name: "Copy" }).click();
    await expect.poll(() => page.getByText("Copied to the clipboard").isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(captureUrl);
    await expect.poll(() => page.getByText("Offer setup → Customer leads → Connect").isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByText("Waiting for Microsoft’s test lead").isVisible(), { timeout: 10_000 }).toBe(true);
  });

  step("Microsoft's test lead through the capture URL marks it verified and the offer ready", async () => {
    const token = `MSFT_TEST_${Date.now()}0000`;
    await postLead(captureUrl, {
      UserDetails: { FirstName: token, LastName: token, Email: `${token}@test.com`, Phone: "1234567890", Country: "US", Company: token, Title: token },
      LeadSource: "AzureMarketplace",
      ActionCode: "INS",
      OfferTitle: offer.title,
      Description: token,
    });
    await page.reload();
    await expect.poll(() => page.getByTestId("capture-verified").isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId("offer-ready").textContent(), { timeout: 10_000 }).toBe("Ready");
    await screenshot(page, "offer-verified");
  });

  step("a webhook destination is added with its guide, and its secret never comes back", async () => {
    await page.getByRole("link", { name: "Add destination" }).click();
    await page.waitForURL(/\/offers\/destinations\/new\?offer=/);
    await expect.poll(() => page.getByText("Azure Blob storage").isVisible(), { timeout: 10_000 }).toBe(true);
    await screenshot(page, "destination-picker");
    await page.getByRole("button", { name: /HTTPS endpoint \(webhook\)/ }).click();
    await expect.poll(() => page.getByText("How to set it up").isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByText("Redirects are not followed").isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByLabel("Name").fill("Sales flow");
    await page.getByLabel("Endpoint URL").fill(sink.endpoint);
    await page.getByLabel(/^Signing secret/).fill(signingSecret);
    await page.getByRole("button", { name: "Add a secret header" }).click();
    await page.getByLabel("Header 1 name").fill("Authorization");
    await page.getByLabel("Header 1 value").fill(`Bearer token-${run}`);
    await screenshot(page, "destination-webhook-form");
    await page.getByRole("button", { name: "Save destination" }).click();
    await page.waitForURL(/\/offers\/destinations\/(?!new)[\w-]+$/);
    webhookPath = new URL(page.url()).pathname;
    await expect.poll(() => page.getByTestId("destination-state").first().textContent(), { timeout: 10_000 }).toBe("Active");
    expect(await page.content()).not.toContain(signingSecret);
    expect(await page.content()).not.toContain(`token-${run}`);
    await page.reload();
    await expect.poll(() => page.getByTestId("masked-signingSecret").textContent(), { timeout: 10_000 }).toMatch(/^•+.{4}$/);
    expect(await page.content()).not.toContain(signingSecret);
    expect(await page.content()).not.toContain(`token-${run}`);
    // Replacing a secret opens an empty field; keeping it closes it again.
    await page.getByRole("button", { name: "Replace Signing secret" }).click();
    expect(await page.getByLabel(/^Signing secret/).inputValue()).toBe("");
    await page.getByRole("button", { name: "Keep the current value" }).click();
    await expect.poll(() => page.getByTestId("masked-signingSecret").isVisible(), { timeout: 10_000 }).toBe(true);
  });

  step("Send test lead shows at once that the webhook delivered it", async () => {
    await page.getByRole("button", { name: "Send test lead" }).first().click();
    const result = page.getByTestId("test-lead-result");
    await expect.poll(() => result.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await result.textContent()).toContain("Delivered");
    expect(await page.getByTestId("test-lead-http-status").textContent()).toBe("200");
    expect(await result.textContent()).toMatch(/\d+ ms/);
    expect(await result.textContent()).toContain('{"ok":true}');
    const received = sink.received.at(-1);
    expect(received?.verified).toBe(true);
    expect(received?.headers.authorization).toBe(`Bearer token-${run}`);
    expect(received?.body).toContain("MSFT_TEST_");
    await screenshot(page, "destination-test-delivered");
    // The outcome is kept: after a reload the health card still shows it, and the destination is verified.
    await page.reload();
    const lastTest = page.getByTestId("last-test").first();
    await expect.poll(() => lastTest.textContent(), { timeout: 10_000 }).toMatch(/200 in \d+ ms, /);
    expect(await lastTest.getByTestId("destination-verified").textContent()).toBe("Verified");
  });

  step("captured leads show in the delivery log; a failed one is replayed", async () => {
    await postLead(captureUrl, marketplaceLead("Ada", "Lovelace", `ada.${run}@fabrikam.example`));
    await expect.poll(() => sink.received.some((r) => r.body.includes(`ada.${run}@fabrikam.example`)), { timeout: 30_000 }).toBe(true);
    sink.override("webhook", { kind: "respond", response: { status: 400, body: "missing field Company" } }, 1);
    await postLead(captureUrl, marketplaceLead("Grace", "Hopper", `grace.${run}@fabrikam.example`));
    // The log refreshes itself; reloading is quicker than waiting for it.
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId("delivery-row").first().waitFor({ timeout: 10_000 }).catch(() => undefined);
          return page.getByRole("button", { name: "Replay", exact: true }).count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(1);
    await expect.poll(() => page.getByText("Ada Lovelace").isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByText("Replay all failed (1)").isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId("last-failure-reason").textContent(), { timeout: 10_000 }).toContain("400");
    const failedRow = page.getByTestId("delivery-row").filter({ hasText: "Grace Hopper" });
    await failedRow.getByRole("button", { name: "Attempts" }).click();
    await expect.poll(() => failedRow.getByText("missing field Company").isVisible(), { timeout: 10_000 }).toBe(true);
    await screenshot(page, "destination-failed-delivery");
    await failedRow.getByRole("button", { name: "Replay", exact: true }).click();
    await expect.poll(() => page.getByText("Queued again with the same idempotency key.").isVisible(), { timeout: 10_000 }).toBe(true);
    await expect
      .poll(
        async () => {
          await page.reload();
          const row = page.getByTestId("delivery-row").filter({ hasText: "Grace Hopper" });
          await row.waitFor({ timeout: 10_000 }).catch(() => undefined);
          return row.getByText("Delivered").isVisible();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(true);
    expect(sink.received.filter((r) => r.body.includes(`grace.${run}@fabrikam.example`))).toHaveLength(2);
  });

  step("the destination is paused and resumed", async () => {
    await page.getByRole("button", { name: "Pause" }).click();
    await expect.poll(() => page.getByTestId("destination-state").first().textContent(), { timeout: 10_000 }).toBe("Paused");
    await page.getByRole("button", { name: "Resume" }).click();
    await expect.poll(() => page.getByTestId("destination-state").first().textContent(), { timeout: 10_000 }).toBe("Active");
  });

  step("an e-mail destination is added and tested", async () => {
    await page.goto(`${baseUrl}${offerPath}`);
    await page.getByRole("link", { name: "Add destination" }).click();
    await page.getByRole("button", { name: /E-mail notification/ }).click();
    await page.getByLabel("Recipients").fill(`sales.${run}@northwind.example; ceo.${run}@northwind.example`);
    await page.getByRole("button", { name: "Save destination" }).click();
    await page.waitForURL(/\/offers\/destinations\/(?!new)[\w-]+$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 10_000 }).toBe("Sales team e-mail");
    await page.getByRole("button", { name: "Send test lead" }).first().click();
    // Whatever this server's mail settings allow, the outcome shows at once.
    await expect.poll(() => page.getByTestId("test-lead-result").or(page.getByTestId("test-lead-error")).first().isVisible(), { timeout: 45_000 }).toBe(true);
    await screenshot(page, "destination-email-test");
  });

  step("the Salesforce form warns about required picklists and offers a field mapping", async () => {
    await page.goto(`${baseUrl}${offerPath.replace(/^\/offers\//, "/offers/destinations/new?offer=")}&kind=SALESFORCE`);
    await expect.poll(() => page.getByText(/A required field that is a picklist/).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByText("Field mapping (optional)").click();
    await page.getByLabel("Lead source").fill("LeadSource__c");
    await page.getByLabel("Organization ID").fill("00Do0000000ZHog");
    await screenshot(page, "destination-salesforce-form");
  });

  step("Marketo's embed code fills in the form's ids", async () => {
    await page.goto(`${baseUrl}${offerPath.replace(/^\/offers\//, "/offers/destinations/new?offer=")}&kind=MARKETO`);
    await page.getByLabel("Form embed code (optional)").fill('<script>MktoForms2.loadForm("//app-ys12.marketo.com", "123-pqr-789", 1179);</script>');
    await page.getByRole("button", { name: "Fill in from embed code" }).click();
    await expect.poll(() => page.getByLabel("Munchkin ID").inputValue(), { timeout: 10_000 }).toBe("123-PQR-789");
    expect(await page.getByLabel("Form ID").inputValue()).toBe("1179");
    expect(await page.getByLabel(/^Server ID/).inputValue()).toBe("ys12");
    await page.getByLabel("Form embed code (optional)").fill("not an embed code");
    await page.getByRole("button", { name: "Fill in from embed code" }).click();
    await expect.poll(() => page.getByText("No MktoForms2.loadForm(…) call").isVisible(), { timeout: 10_000 }).toBe(true);
    await screenshot(page, "destination-marketo-form");
  });

  step("an Azure Table destination (Azurite) is added as a default and receives the test lead", async () => {
    await page.goto(`${baseUrl}/offers`);
    await page.locator("#defaults").getByRole("link", { name: "Add destination" }).click();
    await page.getByRole("button", { name: /Azure Table storage/ }).click();
    await page.getByLabel(/^Connection string/).fill(azurite.connectionString);
    await page.getByRole("button", { name: "Save destination" }).click();
    await page.waitForURL(/\/offers\/destinations\/(?!new)[\w-]+$/);
    expect(await page.content()).not.toContain(azurite.connectionString.split("AccountKey=")[1]!.split(";")[0]!);
    await page.getByRole("button", { name: "Send test lead" }).first().click();
    const result = page.getByTestId("test-lead-result");
    await expect.poll(() => result.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await result.textContent()).toContain("Delivered");
    await screenshot(page, "destination-azure-table");
  });

  step("a bad Dynamics 365 instance URL is refused at its field", async () => {
    await page.goto(`${baseUrl}${offerPath}`);
    await page.getByRole("link", { name: "Add destination" }).click();
    await page.getByRole("button", { name: /Dynamics 365 Customer Engagement/ }).click();
    // Required fields are checked in the browser first.
    await page.getByRole("button", { name: "Save destination" }).click();
    await expect.poll(() => page.getByText("Enter the Instance URL.").isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByLabel("Instance URL").fill("https://crm.contoso.example/main.aspx");
    await page.getByLabel("Directory (tenant) ID").fill("not-a-guid");
    await page.getByLabel("Application (client) ID").fill("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    await page.getByLabel("Client secret").fill(`dyn-secret-${run}`);
    await page.getByRole("button", { name: "Save destination" }).click();
    await expect.poll(() => page.locator("#destination-instanceUrl-error").textContent(), { timeout: 10_000 }).toContain("Enter your Dynamics 365 instance URL");
    expect(await page.locator("#destination-tenantId-error").textContent()).toContain("GUID");
    expect(await page.getByText("Check the highlighted fields.").isVisible()).toBe(true);
    expect(page.url()).toContain("/offers/destinations/new");
    await screenshot(page, "destination-dynamics-invalid");
  });

  step("Azure Blob is refused with what to use instead", async () => {
    await page.getByRole("button", { name: "Change" }).click();
    await page.getByRole("button", { name: /Azure Blob storage/ }).click();
    const notice = page.getByTestId("retired-kind");
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain("Azure Blob storage cannot be added");
    expect(await notice.textContent()).toContain("Microsoft retired the Azure Blob lead destination");
    await screenshot(page, "destination-azure-blob-refused");
    await notice.getByRole("button", { name: "Use Azure Table storage instead" }).click();
    await expect.poll(() => page.getByLabel(/^Connection string/).isVisible(), { timeout: 10_000 }).toBe(true);
  });

  step("the offer lists its destinations; one is deleted", async () => {
    await page.goto(`${baseUrl}${offerPath}`);
    await expect.poll(() => page.getByTestId("destination-Sales flow").isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByRole("button", { name: "Actions for Sales team e-mail" }).click();
    await page.getByRole("menuitem", { name: "Delete" }).click();
    await dialog().getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => page.getByTestId("destination-Sales team e-mail").count(), { timeout: 10_000 }).toBe(0);
    await screenshot(page, "offer-with-destinations");
    await page.goto(`${baseUrl}/offers`);
    const row = page.getByTestId(`offer-${offer.publisherId}.${offer.offerId}`);
    await expect.poll(() => row.getByText("Ready", { exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);
    await screenshot(page, "offers-list");
  });

  step("the pages read in Russian", async () => {
    await browser.context.addCookies([{ name: "NEXT_LOCALE", value: "ru", url: baseUrl }]);
    await page.goto(`${baseUrl}${offerPath}`);
    await expect.poll(() => page.getByText("Получатели этого предложения").isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByText("Partner Center требует его для SaaS-предложений с кнопкой Contact me.").isVisible(), { timeout: 10_000 }).toBe(true);
    await screenshot(page, "ru-offer");
    await page.goto(`${baseUrl}${webhookPath}`);
    await expect.poll(() => page.getByRole("button", { name: "Отправить тестовый лид" }).isVisible(), { timeout: 10_000 }).toBe(true);
    // The kind's setup guide comes from the messages, in Russian.
    await expect.poll(() => page.getByText("Перенаправления не выполняются: укажите конечный адрес.").isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByText("Быстро отвечайте 2xx, как только лид сохранён.", { exact: false }).isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId("last-test").first().textContent(), { timeout: 10_000 }).toMatch(/\d{3} за \d+ мс/);
    await screenshot(page, "ru-destination");
    await browser.context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseUrl }]);
  });

  step("the pages fit a 390 px phone", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const overflows: Record<string, number> = {};
    for (const [name, path] of [
      ["offers-list", "/offers"],
      ["offer", offerPath],
      ["destination", webhookPath],
      ["destination-new", `${offerPath.replace(/^\/offers\//, "/offers/destinations/new?offer=")}&kind=MARKETO`],
    ] as const) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      overflows[name] = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await screenshot(page, `mobile-${name}`);
    }
    await page.setViewportSize({ width: 1280, height: 860 });
    expect(Object.entries(overflows).filter(([, px]) => px > 0), "pages that scroll sideways").toEqual([]);
  });
});
