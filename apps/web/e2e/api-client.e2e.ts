import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { createCaller, createTRPCContext } from "@leadrelay/api";
import { createDb, type Db } from "@leadrelay/db";
import { generateWebhookSecret } from "@leadrelay/destinations";
import { startWebhookSink, type WebhookSink } from "@leadrelay/destinations/testing";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@leadrelay/api";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const run = promisify(execFile);
const baseUrl = inject("baseUrl");
const repoRoot = path.resolve(import.meta.dirname, "../../..");

function client(token: string) {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${baseUrl}/api/trpc`, transformer: superjson, headers: () => ({ Authorization: `Bearer ${token}` }) })],
  });
}

describe("an external TypeScript program with only a token and the base URL", () => {
  let db: Db;
  let sink: WebhookSink;
  let fullToken = "";
  let readOnlyToken = "";
  let tenantId = "";

  beforeAll(async () => {
    db = createDb(inject("databaseUrl"));
    const anonymous = createCaller(createTRPCContext({ session: null, db, headers: new Headers({ "x-forwarded-for": "203.0.113.7" }) }));
    const suffix = Date.now().toString(36);
    const signedUp = await anonymous.account.signUp({
      name: "Ivy Integrator",
      email: `ivy-${suffix}@integrations.example`,
      password: "integration passphrase 42",
      companyName: `Integrations ${suffix}`,
    });
    tenantId = signedUp.tenant.id;
    const owner = createCaller(createTRPCContext({ session: { userId: signedUp.userId }, db }));
    fullToken = (
      await owner.apiTokens.create({
        name: "crm-sync",
        scopes: ["offers:read", "offers:write", "destinations:read", "destinations:manage", "leads:read", "leads:write"],
      })
    ).token;
    readOnlyToken = (await owner.apiTokens.create({ name: "dashboard", scopes: ["leads:read"] })).token;
    sink = await startWebhookSink(generateWebhookSecret());
  });

  afterAll(async () => {
    await sink?.stop();
    await db?.$disconnect();
  });

  it("manages an offer and a destination, captures a lead and lists it; the lead reaches the webhook", async () => {
    const { stdout } = await run("pnpm", ["--silent", "--filter", "@leadrelay/example-api-client", "start"], {
      cwd: repoRoot,
      env: {
        ...process.env,
        LEADRELAY_URL: baseUrl,
        LEADRELAY_TOKEN: fullToken,
        LEADRELAY_EXAMPLE_WEBHOOK_URL: sink.endpoint,
        LEADRELAY_EXAMPLE_WEBHOOK_SECRET: sink.secret,
      },
      timeout: 90_000,
    });
    const summary = JSON.parse(stdout.trim().split("\n").at(-1)!) as {
      offer: { id: string; ref: string };
      captured: { id: string; status: string };
      leads: { id: string; email: string; action: string }[];
      destinationId: string;
    };
    expect(summary.offer.ref).toBe("contoso.lead-bridge");
    expect(summary.captured.status).toBe("created");
    expect(summary.leads.map((l) => l.id)).toContain(summary.captured.id);

    const stored = await db.lead.findUniqueOrThrow({ where: { id: summary.captured.id } });
    expect(stored.tenantId).toBe(tenantId);
    expect(stored.email).toBe("ada@analytical.example");

    // The embedded worker delivers it, signed, to the offer's webhook.
    await expect.poll(() => sink.received.filter((r) => r.verified).length, { timeout: 30_000 }).toBeGreaterThan(0);
    const body = JSON.parse(sink.received.find((r) => r.verified)!.body) as { UserDetails: { Email: string } };
    expect(body.UserDetails.Email).toBe("ada@analytical.example");
  });

  it("refuses a wrong token with 401 and a missing scope with 403, with clear messages", async () => {
    const wrong = await client("lr_not-a-real-token").leads.list.query({}).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(TRPCClientError);
    expect((wrong as TRPCClientError<AppRouter>).data?.httpStatus).toBe(401);
    expect((wrong as Error).message).toMatch(/invalid, expired or revoked/);

    const readOnly = client(readOnlyToken);
    expect((await readOnly.leads.list.query({})).items.length).toBeGreaterThan(0);
    const denied = await readOnly.offers.list.query().catch((e: unknown) => e);
    expect((denied as TRPCClientError<AppRouter>).data?.httpStatus).toBe(403);
    expect((denied as Error).message).toContain('lacks the "offers:read" scope');

    const notForTokens = await readOnly.members.list.query().catch((e: unknown) => e);
    expect((notForTokens as TRPCClientError<AppRouter>).data?.httpStatus).toBe(403);
  });
});
