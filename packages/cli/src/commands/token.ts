import { API_SCOPE_NAMES, isApiScope, issueApiToken, type ApiScope } from "@leadrelay/api";
import { ApiTokenRepository, MembershipRepository, TenantRepository, UserRepository, type Db } from "@leadrelay/db";
import type { Command } from "commander";
import { withDatabase } from "../database";
import { CliError } from "../errors";
import { logLine, printJson, printLine } from "../output";

export interface CreateTokenInput {
  tenant: string;
  name: string;
  scopes: string;
  /** The member the token acts for (it lives as long as their membership); default: the first owner. */
  as?: string;
  expiresInDays?: number;
}

export function parseScopes(raw: string): ApiScope[] {
  const scopes = raw.split(",").map((s) => s.trim()).filter(Boolean);
  if (scopes.length === 0) throw new CliError(`--scopes needs at least one scope: ${API_SCOPE_NAMES.join(", ")}`);
  const unknown = scopes.filter((s) => !isApiScope(s));
  if (unknown.length) throw new CliError(`Unknown scope(s): ${unknown.join(", ")}. Known: ${API_SCOPE_NAMES.join(", ")}`);
  return scopes as ApiScope[];
}

async function findTenant(db: Db, slug: string) {
  const tenant = await new TenantRepository(db).findBySlug(slug.trim());
  if (!tenant) throw new CliError(`No tenant with the slug "${slug}".`);
  return tenant;
}

export async function createToken(db: Db, input: CreateTokenInput) {
  const scopes = parseScopes(input.scopes);
  if (!input.name.trim()) throw new CliError("--name must not be empty.");
  const tenant = await findTenant(db, input.tenant);
  const members = await new MembershipRepository(db).list(tenant.id);
  let creator = members.find((m) => m.role === "OWNER");
  if (input.as) {
    const user = await new UserRepository(db).findByEmail(input.as);
    creator = members.find((m) => m.userId === user?.id);
    if (!creator) throw new CliError(`${input.as} is not a member of ${tenant.slug}.`);
  }
  if (!creator) throw new CliError(`Tenant ${tenant.slug} has no owner to issue the token for.`);
  const { token, record } = await db.$transaction((tx) =>
    issueApiToken(tx, { tenantId: tenant.id, createdById: creator.userId, name: input.name.trim(), scopes, expiresInDays: input.expiresInDays }),
  );
  return { token, id: record.id, name: record.name, prefix: record.prefix, scopes: record.scopes, tenant: tenant.slug, actsAs: creator.email, expiresAt: record.expiresAt?.toISOString() ?? null };
}

export function registerTokenCommands(program: Command): void {
  const token = program.command("token").description("API tokens for scripts and integrations (Authorization: Bearer lr_…)");

  token
    .command("create")
    .description("create an API token; it is printed once and stored only as a hash")
    .requiredOption("--tenant <slug>", "the tenant's slug")
    .requiredOption("--name <name>", "what the token is for")
    .requiredOption("--scopes <list>", `comma-separated: ${API_SCOPE_NAMES.join(", ")}`)
    .option("--as <email>", "the member it acts for (default: the first owner); it stops working if they leave")
    .option("--expires-in-days <n>", "expire after n days", (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 3650) throw new CliError("--expires-in-days takes a whole number from 1 to 3650.");
      return n;
    })
    .option("--json", "print one JSON object (token, id, name, prefix, scopes, tenant, actsAs, expiresAt)")
    .addHelpText("after", "\nExample:\n  pnpm leadrelay token create --tenant acme-media --name crm-sync --scopes leads:read,leads:write")
    .action(async (options: CreateTokenInput & { json?: boolean }) => {
      const result = await withDatabase(({ db }) => createToken(db, options));
      if (options.json) return printJson(result);
      logLine(`Created token "${result.name}" for ${result.tenant} (acts as ${result.actsAs}; scopes ${result.scopes.join(", ")}). It is shown only once:`);
      printLine(result.token);
    });

  token
    .command("list")
    .description("list a tenant's API tokens (never their values)")
    .requiredOption("--tenant <slug>", "the tenant's slug")
    .option("--json", "print a JSON array")
    .action(async (options: { tenant: string; json?: boolean }) => {
      const tokens = await withDatabase(async ({ db }) => new ApiTokenRepository(db).list((await findTenant(db, options.tenant)).id));
      const rows = tokens.map((t) => ({ id: t.id, name: t.name, prefix: t.prefix, scopes: t.scopes, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt, createdAt: t.createdAt }));
      if (options.json) return printJson(rows);
      if (rows.length === 0) return logLine("No API tokens.");
      for (const r of rows) printLine(`${r.id}  ${r.prefix}…  ${r.name}  [${r.scopes.join(",")}]${r.revokedAt ? "  (revoked)" : ""}`);
    });

  token
    .command("revoke")
    .description("revoke an API token at once")
    .requiredOption("--tenant <slug>", "the tenant's slug")
    .requiredOption("--id <tokenId>", "the token's id (see token list)")
    .action(async (options: { tenant: string; id: string }) => {
      await withDatabase(async ({ db }) => {
        const tenant = await findTenant(db, options.tenant);
        if (!(await new ApiTokenRepository(db).revoke(tenant.id, options.id))) throw new CliError(`No active token ${options.id} in ${tenant.slug}.`);
      });
      logLine(`Revoked ${options.id}.`);
    });
}
