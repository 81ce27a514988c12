import type { DeliveryContext, DeliveryOutcome } from "../types";
import { outcomeForHttpStatus, sendHttp, tryParseJson, type SendOptions } from "./http";
import type { TokenCache } from "./token-cache";

/** An OAuth 2.0 client-credentials grant against one identity service (Entra ID, Marketo). */
export interface ClientCredentialsGrant {
  /** The adapter's cache, and the key its configuration maps to (`TokenCache.key`). */
  cache: TokenCache;
  cacheKey: string;
  tokenUrl: string;
  /** Form fields besides `grant_type`: client id and secret, and the scope where the service wants one. */
  form: Record<string, string>;
  /** How the service is named in failures ("Microsoft Entra ID"). */
  service: string;
  /** The outcome's reason when the service refuses the credentials (HTTP 400 or 401). */
  refusedReason: (error: { code?: string; description?: string }) => string;
  /** Trims the service's `error_description` before it is shown (e.g. to its first line). */
  describe?: (description: string) => string;
}

export type ClientCredentialsToken =
  | { ok: true; token: string; fromCache: boolean; cacheKey: string }
  | { ok: false; outcome: DeliveryOutcome };

/** Tokens come with `expires_in` seconds; a service that leaves it out is taken to mean an hour. */
const DEFAULT_EXPIRES_IN_SECONDS = 3599;

/**
 * A cached token, or a new one from the service's token endpoint. The request goes through
 * `sendHttp` with the delivery's context (the same SSRF guard, timeout and dispatcher as the
 * delivery itself), as a form POST so the secret stays out of access logs; `send.secrets`
 * are kept out of every stored excerpt. A response holding a token is never kept as an excerpt.
 */
export async function clientCredentialsToken(
  grant: ClientCredentialsGrant,
  ctx: DeliveryContext,
  send: SendOptions = {},
): Promise<ClientCredentialsToken> {
  const { cache, cacheKey } = grant;
  const cached = cache.get(cacheKey, ctx.now);
  if (cached !== undefined) return { ok: true, token: cached, fromCache: true, cacheKey };

  const exchange = await sendHttp(
    {
      url: grant.tokenUrl,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ grant_type: "client_credentials", ...grant.form }).toString(),
    },
    ctx,
    send,
  );
  if (!exchange.ok) return exchange;
  const { response } = exchange;
  const json = tryParseJson(response.text) as
    | { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown }
    | undefined;

  if (response.status === 200 && typeof json?.access_token === "string") {
    const expiresIn = Number(json.expires_in ?? DEFAULT_EXPIRES_IN_SECONDS);
    cache.set(cacheKey, json.access_token, Number.isFinite(expiresIn) ? expiresIn : 0, ctx.now);
    return { ok: true, token: json.access_token, fromCache: false, cacheKey };
  }

  const describe = grant.describe ?? ((text: string) => text);
  const description = typeof json?.error_description === "string" ? describe(json.error_description) : undefined;
  const code = typeof json?.error === "string" ? json.error : undefined;
  if (response.status === 400 || response.status === 401) {
    return {
      ok: false,
      outcome: {
        kind: "auth_invalid",
        reason: grant.refusedReason({ code, description }),
        httpStatus: response.status,
        responseExcerpt: response.excerpt,
      },
    };
  }
  return { ok: false, outcome: outcomeForHttpStatus(response, ctx, { service: grant.service, detail: description }) };
}
