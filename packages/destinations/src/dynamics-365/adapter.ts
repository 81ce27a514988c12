import { toDynamicsLead, type Lead } from "@leadrelay/leads";
import { v5 as uuidv5 } from "uuid";

import { outcomeForHttpStatus, sendHttp, tryParseJson, type HttpResponse } from "../net/http";
import { clientCredentialsToken, type ClientCredentialsToken } from "../net/oauth";
import { TokenCache } from "../net/token-cache";
import type { DeliveryContext, DeliveryOutcome, DestinationAdapter } from "../types";
import {
  dynamicsConfigSchema,
  dynamicsSecretsSchema,
  type DynamicsConfig,
  type DynamicsSecrets,
} from "./config";

/** Namespace for lead ids derived from delivery idempotency keys (UUID v5). */
const LEAD_ID_NAMESPACE = "5b0f0e43-3f59-4b1c-9a55-7e6a4a8f1c2d";

export const dynamicsTokenCache = new TokenCache();

/** The lead's id in Dataverse: the same for every retry and replay of one delivery. */
export function dynamicsLeadId(idempotencyKey: string): string {
  return uuidv5(idempotencyKey, LEAD_ID_NAMESPACE);
}

type TokenResult = ClientCredentialsToken;

/** Client-credentials token from Entra ID's v2 endpoint, scope `<instance>/.default`. */
function getAccessToken(
  config: DynamicsConfig,
  secrets: DynamicsSecrets,
  ctx: DeliveryContext,
): Promise<TokenResult> {
  const scope = `${config.instanceUrl}/.default`;
  return clientCredentialsToken(
    {
      cache: dynamicsTokenCache,
      cacheKey: TokenCache.key(
        [config.authorityHost, config.tenantId, config.clientId, scope],
        secrets.clientSecret,
      ),
      tokenUrl: `${config.authorityHost}/${encodeURIComponent(config.tenantId)}/oauth2/v2.0/token`,
      form: { client_id: config.clientId, client_secret: secrets.clientSecret, scope },
      service: "Microsoft Entra ID",
      describe: firstLine,
      refusedReason: ({ code, description }) =>
        `Microsoft Entra ID refused the sign-in${code ? ` (${code})` : ""}: ${description ?? "check the tenant ID, client ID and client secret"}`,
    },
    ctx,
    { secrets: [secrets.clientSecret] },
  );
}

/** AADSTS messages continue with "Trace ID: … Correlation ID: … Timestamp: …" lines. */
function firstLine(text: string): string {
  return text.split(/\r?\n/u)[0]?.trim() ?? text;
}

/** Dataverse errors: `{ "error": { "code": "0x80040220", "message": "…" } }`. */
function dataverseError(response: HttpResponse): string | undefined {
  const json = tryParseJson(response.text) as
    { error?: { code?: unknown; message?: unknown } } | undefined;
  const message = json?.error?.message;
  const code = json?.error?.code;
  if (typeof message !== "string") return undefined;
  return typeof code === "string" && code !== "" ? `${message} (${code})` : message;
}

async function deliver(
  lead: Lead,
  config: DynamicsConfig,
  secrets: DynamicsSecrets,
  ctx: DeliveryContext,
): Promise<DeliveryOutcome> {
  const record = toDynamicsLead(
    lead,
    config.leadSourceCode === undefined ? {} : { leadSourceCode: config.leadSourceCode },
  );
  const leadId = dynamicsLeadId(ctx.idempotencyKey);
  const apiBase = config.apiBaseUrl ?? config.instanceUrl;

  for (let tokenTry = 1; ; tokenTry++) {
    const token = await getAccessToken(config, secrets, ctx);
    if (!token.ok) return token.outcome;

    // An upsert that may only create: a retry after a lost answer finds the lead already
    // there (412) instead of creating a duplicate.
    const exchange = await sendHttp(
      {
        url: `${apiBase}/api/data/v9.2/leads(${leadId})`,
        method: "PATCH",
        headers: {
          authorization: `Bearer ${token.token}`,
          accept: "application/json",
          "content-type": "application/json; charset=utf-8",
          "odata-maxversion": "4.0",
          "odata-version": "4.0",
          "if-none-match": "*",
        },
        body: JSON.stringify(record),
      },
      ctx,
      { secrets: [token.token, secrets.clientSecret] },
    );
    if (!exchange.ok) return exchange.outcome;
    const { response } = exchange;
    const base = { httpStatus: response.status, responseExcerpt: response.excerpt };

    if (response.status >= 200 && response.status < 300) {
      return { kind: "delivered", externalId: entityIdFrom(response) ?? leadId, ...base };
    }
    if (response.status === 412) {
      // If-None-Match: * failed: an earlier attempt of this delivery created the lead.
      return { kind: "delivered", externalId: leadId, ...base };
    }
    if (response.status === 401 && token.fromCache && tokenTry === 1) {
      // A cached token may have been revoked; one fresh token settles it.
      dynamicsTokenCache.delete(token.cacheKey);
      continue;
    }
    const detail = dataverseError(response);
    if (response.status === 401) {
      return {
        kind: "auth_invalid",
        reason: `Dataverse refused the app's token (401): add the app (client ID ${config.clientId}) as an application user of this environment${detail ? `. ${detail}` : ""}`,
        ...base,
      };
    }
    if (response.status === 403) {
      return {
        kind: "auth_invalid",
        reason: `Dataverse refused to create the lead (403): give the application user a security role that may create leads${detail ? `. ${detail}` : ""}`,
        ...base,
      };
    }
    if (response.status === 404) {
      return {
        kind: "permanent_failure",
        reason: `Dataverse has no leads table at ${apiBase} (404): check the instance URL${detail ? `. ${detail}` : ""}`,
        ...base,
      };
    }
    return outcomeForHttpStatus(response, ctx, { service: "Dataverse", detail });
  }
}

/** `OData-EntityId: https://org.crm.dynamics.com/api/data/v9.2/leads(<guid>)`. */
function entityIdFrom(response: HttpResponse): string | undefined {
  const header = response.headers.get("odata-entityid");
  return header ? /\(([0-9a-f-]{36})\)\s*$/iu.exec(header)?.[1] : undefined;
}

export const dynamicsAdapter: DestinationAdapter<DynamicsConfig, DynamicsSecrets> = {
  kind: "DYNAMICS_365",
  label: "Dynamics 365 Customer Engagement",
  description:
    "Creates a standard Lead record in Dynamics 365 (Dataverse) through the Web API, signed in as an Entra ID app. No managed solution to install.",
  configSchema: dynamicsConfigSchema,
  secretsSchema: dynamicsSecretsSchema,
  secretFields: ["clientSecret"],
  setupGuide: {
    steps: [
      "In the Azure portal, open Microsoft Entra ID → App registrations → New registration. Any name; single tenant is enough; no redirect URI is needed.",
      "Copy the Application (client) ID and the Directory (tenant) ID from the app's Overview page.",
      "Certificates & secrets → New client secret. Copy its Value at once (it is shown only once) and note its expiry date: leads stop when it expires.",
      "In the Power Platform admin center, open your environment → Settings → Users + permissions → Application users → New app user, pick the app, and give it a security role that may create and read leads (e.g. Salesperson).",
      "Copy the Environment URL (e.g. https://contoso.crm4.dynamics.com) from the environment's details: this is the instance URL, not the address shown in the browser.",
      "Save, then send a test lead: it appears in Dynamics under Sales → Leads with the subject set to the offer's title.",
    ],
    requiredFields: [
      "subject",
      "firstname",
      "lastname",
      "emailaddress1",
      "telephone1",
      "address1_country",
      "companyname",
      "jobtitle",
      "description",
      "leadsourcecode",
    ],
    warnings: [
      "On-premises Dynamics is not supported: use the webhook or Azure Table destination instead.",
      'Microsoft\'s old route needed the "Microsoft Marketplace Lead Writer" solution and an Office 365 user whose password expired every 90 days; Leadrelay needs neither.',
      "Entra ID client secrets expire (at most 24 months): renew the secret before its expiry date.",
      "Required custom columns or business rules on the Lead table make Dataverse refuse leads that lack them.",
    ],
  },
  deliver,
};
