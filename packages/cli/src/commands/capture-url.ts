import { captureUrl, ensureCaptureEndpoint, OfferRepository, TenantRepository, type Db } from "@leadrelay/db";
import { parseOfferId } from "@leadrelay/leads";
import type { Command } from "commander";
import { withDatabase } from "../database";
import { CliError } from "../errors";
import { logLine, printJson, printLine } from "../output";

export interface CaptureUrlResult {
  url: string;
  tenant: string;
  /** `publisherid.offerid`, or null for the tenant-wide URL. */
  offer: string | null;
  /** True when this run created the URL. */
  created: boolean;
  verifiedAt: string | null;
  lastLeadAt: string | null;
}

const DEFAULT_BASE_URL = "http://localhost:3000";

/** `--base-url`, else LEADRELAY_PUBLIC_URL (the web app's public origin), else the local default. */
export function resolveBaseUrl(option: string | undefined): string {
  // eslint-disable-next-line no-restricted-properties -- the same variable the web app reads in apps/web/src/env.ts
  const raw = option ?? (process.env.LEADRELAY_PUBLIC_URL?.trim() || DEFAULT_BASE_URL);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`"${raw}" is not a URL. Give the web app's public address, e.g. --base-url https://leads.example.com`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new CliError(`The base URL must start with https:// or http:// (got ${url.protocol}//).`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/u, "");
}

/** The tenant's capture URL for the offer (or tenant-wide), created when it has none. */
export async function getCaptureUrl(db: Db, input: { tenant: string; offer?: string; baseUrl: string }): Promise<CaptureUrlResult> {
  const tenant = await new TenantRepository(db).findBySlug(input.tenant.trim());
  if (!tenant) throw new CliError(`No tenant with the slug "${input.tenant}". List them with \`pnpm leadrelay tenant list\` or see the admin console.`);
  let offer: { id: string; ref: string } | null = null;
  if (input.offer !== undefined) {
    const ref = parseOfferId(input.offer);
    if (!ref) throw new CliError(`--offer "${input.offer}" is not publisherid.offerid (e.g. contoso.crm-connector).`);
    const row = await new OfferRepository(db).findByRef(tenant.id, ref);
    if (!row) throw new CliError(`Tenant ${tenant.slug} has no offer ${input.offer}. Add it in the app (Offers) first.`);
    offer = { id: row.id, ref: `${row.publisherId}.${row.offerId}` };
  }
  const { endpoint, created } = await ensureCaptureEndpoint(db, tenant.id, offer?.id ?? null);
  if (!endpoint.token) {
    throw new CliError("The stored capture URL cannot be decrypted (LEADRELAY_ENCRYPTION_KEY changed?). Rotate it in the app to get a new one.");
  }
  return {
    url: captureUrl(input.baseUrl, endpoint.token),
    tenant: tenant.slug,
    offer: offer?.ref ?? null,
    created,
    verifiedAt: endpoint.verifiedAt?.toISOString() ?? null,
    lastLeadAt: endpoint.lastLeadAt?.toISOString() ?? null,
  };
}

export function registerCaptureUrlCommand(program: Command): void {
  program
    .command("capture-url")
    .description("print a tenant's lead capture URL (the HTTPS endpoint to paste into Partner Center), creating it if needed")
    .requiredOption("--tenant <slug>", "the tenant's slug")
    .option("--offer <publisherid.offerid>", "the URL of one offer (the offer must exist); leave out for the tenant-wide URL")
    .option("--base-url <url>", "the web app's public address (default: LEADRELAY_PUBLIC_URL, else http://localhost:3000)")
    .option("--json", "print one JSON object (url, tenant, offer, created, verifiedAt, lastLeadAt)")
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  pnpm leadrelay capture-url --tenant acme-media\n" +
        "  pnpm leadrelay capture-url --tenant acme-media --offer contoso.crm-connector --json",
    )
    .action(async (options: { tenant: string; offer?: string; baseUrl?: string; json?: boolean }) => {
      const baseUrl = resolveBaseUrl(options.baseUrl);
      const result = await withDatabase(({ db }) => getCaptureUrl(db, { tenant: options.tenant, offer: options.offer, baseUrl }));
      if (options.json) {
        printJson(result);
        return;
      }
      if (result.created) logLine(`Created a new capture URL for ${result.offer ?? `tenant ${result.tenant} (all offers)`}.`);
      printLine(result.url);
    });
}
