import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openBrowser, screenshot, type BrowserSession } from "./browser";

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const publisher = {
  name: "Lena Leads",
  company: `Northwind ${run}`,
  email: `lena.${run}@northwind.example`,
  password: "correct horse battery",
};
const ada = {
  FirstName: "Ada",
  LastName: "Lovelace",
  Email: `ada.${run}@contoso.example`,
  Phone: "+44 20 7946 0000",
  Country: "GB",
  Company: `Contoso ${run}`,
  Title: "CTO",
};
const XSS_NAME = "<script>alert(1)</script><b>x</b>";
const TEST_TOKEN = "MSFT_TEST_636573304831318844";

/** The marketplace's HTTPS-endpoint JSON, as Microsoft POSTs it. */
function marketplaceLead(
  user: Record<string, string>,
  actionCode: string,
  extra: Record<string, unknown> = {},
) {
  return {
    UserDetails: user,
    LeadSource: "AzureMarketplace",
    ActionCode: actionCode,
    OfferTitle: "Northwind Analytics",
    Description: "Please call me",
    ...extra,
  };
}

async function post(url: string, body: unknown, contentType = "application/json") {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json().catch(() => null)) as {
      id?: string;
      status?: string;
      error?: string;
    } | null,
  };
}

/** The machine may be busy (builds, other suites): wait generously for the UI. */
const T = { timeout: 15_000 };

const rows = (page: Page, text: string) => page.getByTestId("lead-row").filter({ hasText: text });

describe("a publisher captures marketplace leads and works the inbox", () => {
  let browser: BrowserSession;
  let page: Page;
  let captureUrl = "";
  const dialogs: string[] = [];

  beforeAll(async () => {
    browser = await openBrowser();
    page = browser.page;
    // A lead's HTML must never run: any alert() would land here.
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const step = (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      try {
        await fn();
      } catch (error) {
        await screenshot(page, `failure-leads-${name}`).catch(() => undefined);
        throw error;
      }
    });

  step(
    "a new publisher sees how to get leads, and creates a capture URL from the empty inbox",
    async () => {
      await page.goto(`${baseUrl}/sign-up`);
      await page.getByLabel("Your name").fill(publisher.name);
      await page.getByLabel("Company (publisher) name").fill(publisher.company);
      await page.getByLabel("Work e-mail").fill(publisher.email);
      await page.getByLabel("Password").fill(publisher.password);
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL(/\/leads$/);

      await expect
        .poll(() => page.getByRole("heading", { name: "No leads yet" }).isVisible(), T)
        .toBe(true);
      expect(
        await page
          .getByRole("link", { name: "Offers & destinations" })
          .first()
          .getAttribute("href"),
      ).toBe("/offers");
      expect(
        await page.getByRole("link", { name: "Why am I not seeing leads?" }).getAttribute("href"),
      ).toBe("/leads/diagnostics");
      await screenshot(page, "leads-inbox-empty");

      await page.getByRole("button", { name: "Create a capture URL" }).click();
      const field = page.getByTestId("capture-url-tenant").getByRole("textbox");
      await expect.poll(() => field.inputValue(), T).toMatch(/\/api\/capture\/lrc_[\w-]{20,}$/);
      // Served at localhost:<port>; post to the same server whatever origin the URL names.
      captureUrl = `${baseUrl}${new URL(await field.inputValue()).pathname}`;
      await screenshot(page, "leads-inbox-empty-with-url");
    },
  );

  step("a lead POSTed to the capture URL shows up in the open inbox within seconds", async () => {
    const created = await post(captureUrl, marketplaceLead(ada, "PLT"));
    expect(created).toMatchObject({ status: 201, body: { status: "created" } });
    // No reload: the inbox refreshes itself.
    await expect.poll(() => rows(page, "Ada Lovelace").count(), T).toBe(1);
    const row = rows(page, "Ada Lovelace");
    expect(await row.textContent()).toContain(ada.Email);
    expect(await row.textContent()).toContain("Contact me (partner)");
  });

  step("the same person with another ActionCode is one lead with two touchpoints", async () => {
    const merged = await post(
      captureUrl,
      marketplaceLead({ ...ada, Email: ada.Email.toUpperCase() }, "INS"),
    );
    expect(merged).toMatchObject({ status: 201, body: { status: "merged" } });
    await page.reload();
    await expect.poll(() => rows(page, "Ada Lovelace").textContent(), T).toContain("Get it now");
    expect(await rows(page, "Ada Lovelace").count()).toBe(1);

    await rows(page, "Ada Lovelace").getByRole("link", { name: "Ada Lovelace" }).click();
    await page.waitForURL(/\/leads\/[\w-]+$/);
    await expect.poll(() => page.getByTestId("lead-name").textContent(), T).toBe("Ada Lovelace");
    expect(await page.getByTestId("touchpoint").count()).toBe(2);
    expect(await page.getByText("2 touchpoints").isVisible()).toBe(true);
    // The raw request body, pretty-printed JSON, behind a disclosure.
    const first = page.getByTestId("touchpoint").first();
    expect(await first.getByTestId("raw-body").isVisible()).toBe(false);
    await first.getByText("Raw request body").click();
    expect(await first.getByTestId("raw-body").textContent()).toContain('"FirstName": "Ada"');
    expect(await page.getByText("AzureMarketplace-INS|Northwind Analytics").isVisible()).toBe(true);
    await screenshot(page, "lead-detail");
  });

  step("an .edu lead carries no personal data and says why", async () => {
    const student = {
      FirstName: "Sammy",
      LastName: "Student",
      Email: `sammy.${run}@cs.stanford.edu`,
      Phone: "555-0100",
      Country: "US",
      Company: `Stanford ${run}`,
      Title: "PhD",
    };
    expect((await post(captureUrl, marketplaceLead(student, "INS"))).status).toBe(201);
    await page.goto(`${baseUrl}/leads`);
    const row = rows(page, `Stanford ${run}`);
    await expect.poll(() => row.count(), T).toBe(1);
    expect(await row.textContent()).toContain("Personal data withheld");
    expect(await row.textContent()).not.toContain("Sammy");

    await row.getByRole("link").first().click();
    await expect.poll(() => page.getByTestId("privacy-banner").isVisible(), T).toBe(true);
    const banner = await page.getByTestId("privacy-banner").textContent();
    expect(banner).toContain("cs.stanford.edu");
    expect(banner).toContain("Microsoft does not pass on personal data");
    const text = (await page.locator("main").textContent()) ?? "";
    for (const personal of ["Sammy", "Student", "555-0100", "PhD", student.Email])
      expect(text).not.toContain(personal);
    await screenshot(page, "lead-detail-edu");
  });

  step("Microsoft's test lead is hidden until searched for with MSFT_TEST", async () => {
    const testUser = {
      FirstName: TEST_TOKEN,
      LastName: TEST_TOKEN,
      Email: `${TEST_TOKEN}@test.com`,
      Phone: "1234567890",
      Country: "US",
      Company: TEST_TOKEN,
      Title: TEST_TOKEN,
    };
    expect(
      (
        await post(captureUrl, {
          ...marketplaceLead(testUser, TEST_TOKEN),
          LeadSource: TEST_TOKEN,
          Description: TEST_TOKEN,
        })
      ).status,
    ).toBe(201);
    await page.goto(`${baseUrl}/leads`);
    await expect.poll(() => rows(page, "Ada Lovelace").count(), T).toBe(1);
    expect(await rows(page, TEST_TOKEN).count()).toBe(0);

    const search = page.getByRole("searchbox", { name: "Search leads" });
    expect(await search.getAttribute("placeholder")).toContain("MSFT_TEST");
    await search.fill("MSFT_TEST");
    await page.waitForURL(/q=MSFT_TEST/);
    await expect.poll(() => rows(page, TEST_TOKEN).count(), T).toBe(1);
    expect(await rows(page, TEST_TOKEN).textContent()).toContain("Test lead");
    expect(await rows(page, "Ada Lovelace").count()).toBe(0);
    await screenshot(page, "leads-inbox-msft-test-search");
  });

  step("a lead whose name is HTML shows it as literal text", async () => {
    const evil = {
      FirstName: XSS_NAME,
      LastName: "",
      Email: `evil.${run}@fabrikam.example`,
      Company: "<img src=x onerror=alert(2)>",
    };
    expect((await post(captureUrl, marketplaceLead(evil, "INS"))).status).toBe(201);
    await page.goto(`${baseUrl}/leads?q=${encodeURIComponent(`evil.${run}`)}`);
    const row = rows(page, XSS_NAME);
    await expect.poll(() => row.count(), T).toBe(1);
    expect(await row.locator("b, script, img").count()).toBe(0);
    await row.getByRole("link").first().click();
    await expect.poll(() => page.getByTestId("lead-name").textContent(), T).toBe(XSS_NAME);
    expect(await page.locator("main b, main img, main script").count()).toBe(0);
    expect(await page.getByText("<img src=x onerror=alert(2)>").first().isVisible()).toBe(true);
    expect(dialogs).toEqual([]);
  });

  step("the filters live in the URL and survive a reload", async () => {
    await page.goto(`${baseUrl}/leads`);
    await expect.poll(() => rows(page, "Ada Lovelace").count(), T).toBe(1);
    await page.getByLabel("Funnel stage").selectOption("ACTIVE");
    await page.waitForURL(/stage=ACTIVE/);
    await page.getByLabel("Action", { exact: true }).selectOption("INS");
    await page.waitForURL(/action=INS/);
    await page.reload();
    expect(await page.getByLabel("Action", { exact: true }).inputValue()).toBe("INS");
    await expect.poll(() => rows(page, "Ada Lovelace").count(), T).toBe(1);
    await page.getByLabel("Action", { exact: true }).selectOption("PLT");
    await expect
      .poll(() => page.getByRole("heading", { name: "No leads match" }).isVisible(), T)
      .toBe(true);
    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await page.waitForURL(/\/leads$/);
    await expect.poll(() => rows(page, "Ada Lovelace").count(), T).toBe(1);
  });

  step(
    "a CSV with one bad row: preview shows the error, the valid rows are imported and reported",
    async () => {
      await page.getByRole("button", { name: "Import CSV" }).click();
      const csv = [
        "First Name,Last Name,Email,Company,Action,Favourite colour",
        `Grace,Hopper,grace.${run}@navy.example,US Navy ${run},INS,blue`,
        `Bad,Row,not-an-email,Nowhere ${run},INS,red`,
        `Alan,Turing,alan.${run}@bletchley.example,Bletchley Park ${run},PLT,green`,
      ].join("\n");
      await page
        .getByLabel("CSV file", { exact: true })
        .setInputFiles({ name: "leads.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      const preview = page.getByTestId("import-preview");
      await expect
        .poll(() => preview.textContent(), T)
        .toContain("3 rows: 2 ready to import, 1 with errors.");
      expect(await page.getByTestId("import-errors").textContent()).toContain("Row 2");
      expect(await page.getByTestId("import-errors").textContent()).toContain(
        "not an e-mail address",
      );
      expect(await preview.textContent()).toContain("Favourite colour · kept as extra field");
      await screenshot(page, "leads-import-preview");

      await page.getByRole("button", { name: "Import 2 valid rows" }).click();
      const report = page.getByTestId("import-report");
      await expect.poll(() => report.isVisible(), T).toBe(true);
      const numbers = await report.locator("dl > div").allTextContents();
      expect(numbers).toEqual([
        "New leads2",
        "Merged0",
        "Already imported0",
        "Invalid, skipped1",
        "Failed0",
      ]);
      await screenshot(page, "leads-import-report");
      await page.getByRole("button", { name: "Done" }).click();
      await expect.poll(() => rows(page, "Grace Hopper").count(), T).toBe(1);
      expect(await rows(page, "Bad Row").count()).toBe(0);
    },
  );

  step("a lead added by hand is validated, stored and listed", async () => {
    await page.getByRole("button", { name: "Add lead" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Add lead" }).click();
    await expect
      .poll(
        () =>
          dialog
            .getByText("Enter at least a name, an e-mail, a phone number or a company.")
            .isVisible(),
        T,
      )
      .toBe(true);
    await dialog.getByLabel("First name").fill("Katherine");
    await dialog.getByLabel("Last name").fill("Johnson");
    await dialog.getByLabel("E-mail").fill("katherine@");
    await dialog.getByRole("button", { name: "Add lead" }).click();
    await expect
      .poll(() => dialog.getByText("Enter a valid e-mail address.").isVisible(), T)
      .toBe(true);
    await dialog.getByLabel("E-mail").fill(`katherine.${run}@nasa.example`);
    await dialog.getByLabel("Company").fill(`NASA ${run}`);
    await dialog.getByLabel("Action").selectOption("StartTestDrive");
    await screenshot(page, "leads-add-dialog");
    await dialog.getByRole("button", { name: "Add lead" }).click();
    await expect.poll(() => page.getByText("Lead added.").isVisible(), T).toBe(true);
    await expect.poll(() => rows(page, "Katherine Johnson").count(), T).toBe(1);
    expect(await rows(page, "Katherine Johnson").textContent()).toContain("Test drive");
    await screenshot(page, "leads-inbox");
  });

  step("Export CSV downloads the filtered list", async () => {
    await page.getByRole("searchbox", { name: "Search leads" }).fill(run);
    await page.waitForURL(new RegExp(`q=${run}`));
    await expect.poll(() => rows(page, "Katherine Johnson").count(), T).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^leads-.+\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toContain("firstName,lastName,email");
    expect(csv).toContain("Katherine");
    expect(csv).toContain("Lovelace");
    expect(csv).not.toContain(TEST_TOKEN);
  });

  step(
    "the diagnostics page explains the capture URL, the test lead and refused requests",
    async () => {
      expect((await post(captureUrl, "FirstName=Bob", "text/plain")).status).toBe(415);
      await page.goto(`${baseUrl}/leads/diagnostics`);
      await expect
        .poll(() => page.getByTestId("check-url").textContent(), T)
        .toContain("A capture URL is set up");
      expect(await page.getByTestId("check-verified").textContent()).toContain(
        "Verified by Microsoft's test lead",
      );
      expect(await page.getByTestId("check-real").textContent()).toContain("Last real lead");
      expect(await page.getByTestId("check-rejections").textContent()).toContain(
        "1 recent request was refused",
      );
      expect(await page.getByTestId("rejections").textContent()).toContain("415");
      await screenshot(page, "leads-diagnostics");
    },
  );

  step("the pages work at a phone's width", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/leads`);
    await expect.poll(() => rows(page, "Ada Lovelace").count(), T).toBe(1);
    await screenshot(page, "leads-inbox-390");
    // Nothing wider than the screen but the table's own scroller.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await rows(page, "Ada Lovelace").getByRole("link").first().click();
    await expect.poll(() => page.getByTestId("lead-name").textContent(), T).toBe("Ada Lovelace");
    await screenshot(page, "lead-detail-390");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.goto(`${baseUrl}/leads/diagnostics`);
    await expect.poll(() => page.getByTestId("check-url").isVisible(), T).toBe(true);
    await screenshot(page, "leads-diagnostics-390");
    await page.setViewportSize({ width: 1280, height: 860 });
  });
});

// test/global-setup.ts provides the run's database URL; declared here too so every e2e file type-checks.
declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
