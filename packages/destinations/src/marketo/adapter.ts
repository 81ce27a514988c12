import { MARKETO_FORM_FIELDS, toMarketoFormFields, type Lead } from "@leadrelay/leads";

import { outcomeForHttpStatus, sendHttp, tryParseJson, type HttpResponse } from "../net/http";
import { clientCredentialsToken, type ClientCredentialsToken } from "../net/oauth";
import { TokenCache } from "../net/token-cache";
import type { DeliveryContext, DeliveryOutcome, DestinationAdapter } from "../types";
import {
  marketoConfigSchema,
  marketoSecretsSchema,
  type MarketoConfig,
  type MarketoSecrets,
} from "./config";

export const marketoTokenCache = new TokenCache();

interface MarketoError {
  code: string;
  message: string;
}

/** Marketo's REST envelope: HTTP 200 with `success` false and `errors` for most failures. */
interface MarketoEnvelope {
  requestId?: string;
  success?: boolean;
  errors?: MarketoError[];
  result?: { id?: number; status?: string; reasons?: MarketoError[] }[];
}

/** Response-level codes (Marketo "Error Codes"): retry these, the rest need a fix. */
const TOKEN_REJECTED = new Set(["601", "602"]); // access token invalid / expired
const RETRYABLE_CODES: Record<string, string> = {
  "502": "Marketo's gateway failed",
  "604": "Marketo timed out the request",
  "606": "Marketo's rate limit (100 calls per 20 s) was exceeded",
  "607": "Marketo's daily API quota is used up; it resets at midnight US Central time",
  "608": "Marketo's API is temporarily unavailable",
  "611": "Marketo had a system error",
  "615": "Marketo's limit of 10 concurrent API calls was exceeded",
  "713": "Marketo had a transient error",
  "719": "Marketo timed out waiting for a lock",
};
const AUTH_CODES = new Set(["603", "614", "616"]); // access denied, invalid or wrong subscription

type TokenResult = ClientCredentialsToken;

/** Client-credentials token from Marketo's identity service. */
function getAccessToken(
  config: MarketoConfig,
  secrets: MarketoSecrets,
  ctx: DeliveryContext,
): Promise<TokenResult> {
  return clientCredentialsToken(
    {
      cache: marketoTokenCache,
      cacheKey: TokenCache.key([config.restBaseUrl, secrets.clientId], secrets.clientSecret),
      tokenUrl: `${config.restBaseUrl}/identity/oauth/token`,
      form: { client_id: secrets.clientId, client_secret: secrets.clientSecret },
      service: "Marketo's identity service",
      refusedReason: ({ description }) =>
        `Marketo refused the Client ID and Client Secret${description ? ` (${description})` : ""}: copy them again from Admin → LaunchPoint → View Details`,
    },
    ctx,
    { secrets: [secrets.clientSecret] },
  );
}

function formatErrors(errors: readonly MarketoError[]): string {
  return errors.map((error) => `${error.message} (${error.code})`).join("; ");
}

function asEnvelope(response: HttpResponse): MarketoEnvelope | undefined {
  const json = tryParseJson(response.text);
  return typeof json === "object" && json !== null ? (json as MarketoEnvelope) : undefined;
}

async function deliver(
  lead: Lead,
  config: MarketoConfig,
  secrets: MarketoSecrets,
  ctx: DeliveryContext,
): Promise<DeliveryOutcome> {
  const body = JSON.stringify({
    formId: config.formId,
    input: [
      {
        leadFormFields: toMarketoFormFields(
          lead,
          config.descriptionField === undefined
            ? {}
            : { descriptionField: config.descriptionField },
        ),
        visitorData: {},
      },
    ],
  });

  for (let tokenTry = 1; ; tokenTry++) {
    const token = await getAccessToken(config, secrets, ctx);
    if (!token.ok) return token.outcome;

    const exchange = await sendHttp(
      {
        url: `${config.restBaseUrl}/rest/v1/leads/submitForm.json`,
        method: "POST",
        // The header, not the access_token query parameter Marketo stopped accepting in 2026.
        headers: {
          authorization: `Bearer ${token.token}`,
          "content-type": "application/json",
          accept: "application/json",
        },
        body,
      },
      ctx,
      { secrets: [token.token, secrets.clientSecret] },
    );
    if (!exchange.ok) return exchange.outcome;
    const { response } = exchange;
    const base = { httpStatus: response.status, responseExcerpt: response.excerpt };
    if (response.status !== 200) return outcomeForHttpStatus(response, ctx, { service: "Marketo" });

    const envelope = asEnvelope(response);
    if (envelope === undefined) {
      return {
        kind: "retryable",
        reason: "Marketo answered with something that is not JSON",
        ...base,
      };
    }
    if (envelope.success !== true) {
      const errors = envelope.errors ?? [];
      const codes = errors.map((error) => String(error.code));
      if (codes.some((code) => TOKEN_REJECTED.has(code))) {
        marketoTokenCache.delete(token.cacheKey);
        // Expired between the cache check and the call, or revoked: one fresh token settles it.
        if (tokenTry === 1) continue;
        return {
          kind: "auth_invalid",
          reason: `Marketo refused a fresh access token: ${formatErrors(errors)}`,
          ...base,
        };
      }
      const retryable = codes.find((code) => code in RETRYABLE_CODES);
      if (retryable !== undefined) {
        return {
          kind: "retryable",
          reason: `${RETRYABLE_CODES[retryable]}: ${formatErrors(errors)}`,
          // 606 counts calls over 20 s; 607 waits for tomorrow's quota (the schedule caps it).
          ...(retryable === "606"
            ? { retryAfterSeconds: 20 }
            : retryable === "607"
              ? { retryAfterSeconds: 3600 }
              : {}),
          ...base,
        };
      }
      if (codes.some((code) => AUTH_CODES.has(code))) {
        return {
          kind: "auth_invalid",
          reason: `Marketo denied access: ${formatErrors(errors)}. Give the API-only user a role with Read-Write Lead permission`,
          ...base,
        };
      }
      return {
        kind: "permanent_failure",
        reason: `Marketo refused the form submission: ${formatErrors(errors) || "no reason given"}`,
        ...base,
      };
    }

    const [result] = envelope.result ?? [];
    if (result?.status === "created" || result?.status === "updated") {
      return {
        kind: "delivered",
        ...(result.id === undefined ? {} : { externalId: String(result.id) }),
        ...base,
      };
    }
    return {
      kind: "permanent_failure",
      reason: `Marketo skipped the lead: ${formatErrors(result?.reasons ?? []) || `status ${result?.status ?? "missing"}`}. Check that form ${config.formId} has the fields ${Object.values(MARKETO_FORM_FIELDS).join(", ")}`,
      ...base,
    };
  }
}

export const marketoAdapter: DestinationAdapter<MarketoConfig, MarketoSecrets> = {
  kind: "MARKETO",
  label: "Marketo",
  description:
    "Submits each lead through one of your Marketo forms with the REST API (Munchkin ID, Form ID, and an API-only user's Client ID and Secret), so it triggers the form's campaigns.",
  configSchema: marketoConfigSchema,
  secretsSchema: marketoSecretsSchema,
  secretFields: ["clientId", "clientSecret"],
  setupGuide: {
    steps: [
      "In Marketo Design Studio create a form (or reuse one) with exactly the fields listed below, then approve it.",
      'Open the form\'s Embed Code: in MktoForms2.loadForm("//app-ys12.marketo.com", "123-ABC-456", 1179) the second value is the Munchkin ID and the number is the Form ID. Paste the embed code here to fill both in.',
      "Admin → Users & Roles: create a role with the API permission Read-Write Lead, then an API-only user with that role.",
      "Admin → LaunchPoint → New → New Service, type Custom, with that API-only user; View Details shows the Client ID and Client Secret.",
      "Save, then send a test lead: it appears in Marketo's Database with a Fill Out Form activity for your form.",
    ],
    requiredFields: Object.values(MARKETO_FORM_FIELDS),
    warnings: [
      "The form must have every listed field (LeadSource holds the marketplace's Source-Action|Offer text); Marketo skips submissions with fields the form lacks.",
      "Marketo has no description field: name a custom form field (e.g. Comments) to receive the customer's notes, or they stay in Leadrelay only.",
      "Marketo allows 100 API calls per 20 seconds and a daily quota (50,000 by default); leads over the limit are retried later.",
      "The older setup (Server ID, Munchkin ID and Form ID, no API user) no longer works: Microsoft's restored connector, and Leadrelay, need the Client ID and Client Secret.",
    ],
  },
  deliver,
};
