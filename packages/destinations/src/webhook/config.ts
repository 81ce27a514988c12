import { z } from "zod";

import { generateWebhookSecret, WEBHOOK_SECRET_PREFIX } from "./signing";

/** RFC 9110 token characters. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/u;
/** Printable ASCII and tabs: fetch refuses other header bytes, and CR/LF would split headers. */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/u;

/**
 * Headers a tenant may not set: hop-by-hop and framing headers belong to the HTTP client,
 * and the signature and Leadrelay's own headers must not be overridden.
 */
const RESERVED_HEADERS = new Set([
  "host",
  "content-length",
  "content-type",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "upgrade",
  "te",
  "trailer",
  "expect",
  "proxy-authorization",
  "proxy-connection",
  "user-agent",
]);
const RESERVED_PREFIXES = ["webhook-", "x-leadrelay-", "proxy-", "sec-"];

/** Credentials must be stored encrypted: only the secret headers may carry them. */
const CREDENTIAL_HEADERS = new Set([
  "authorization",
  "cookie",
  "x-api-key",
  "api-key",
  "ocp-apim-subscription-key",
]);

function headerRecord(where: "custom" | "secret") {
  return z.record(z.string(), z.string()).superRefine((headers, issues) => {
    const seen = new Set<string>();
    for (const [name, value] of Object.entries(headers)) {
      const lower = name.toLowerCase();
      if (!HEADER_NAME.test(name)) {
        issues.addIssue({
          code: "custom",
          path: [name],
          message: `"${name}" is not a valid header name`,
        });
      } else if (where === "custom" && CREDENTIAL_HEADERS.has(lower)) {
        issues.addIssue({
          code: "custom",
          path: [name],
          message: `${name} carries credentials: add it under secret headers, which are stored encrypted`,
        });
      } else if (
        RESERVED_HEADERS.has(lower) ||
        RESERVED_PREFIXES.some((prefix) => lower.startsWith(prefix))
      ) {
        issues.addIssue({
          code: "custom",
          path: [name],
          message: `${name} is set by Leadrelay and cannot be changed`,
        });
      } else if (seen.has(lower)) {
        issues.addIssue({ code: "custom", path: [name], message: `${name} is given twice` });
      }
      if (!HEADER_VALUE.test(value)) {
        issues.addIssue({
          code: "custom",
          path: [name],
          message: `The value of ${name} may hold only printable ASCII characters (no line breaks)`,
        });
      }
      seen.add(lower);
    }
    if (seen.size > 20)
      issues.addIssue({ code: "custom", path: [], message: `At most 20 ${where} headers` });
  });
}

export const webhookConfigSchema = z.object({
  /** https only (checked with the SSRF rules when saved and before each request). */
  url: z
    .string({ error: "Enter the URL that receives the leads" })
    .trim()
    .pipe(z.url({ protocol: /^https?$/u, error: "Enter a full URL starting with https://" }))
    // Runs even when the URL check above failed (zod 4 keeps checking): only judge parseable URLs.
    .refine((value) => {
      if (!URL.canParse(value)) return true;
      const url = new URL(value);
      return url.username === "" && url.password === "";
    }, "Put credentials in a header or in the query string, not before the host name"),
  headers: headerRecord("custom").optional(),
});

export type WebhookConfig = z.output<typeof webhookConfigSchema>;

export const webhookSecretsSchema = z.object({
  signingSecret: z.preprocess(
    // An empty field means "generate one", like an absent one.
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z
      .string()
      .trim()
      .refine((value) => {
        if (!value.startsWith(WEBHOOK_SECRET_PREFIX)) return false;
        const encoded = value.slice(WEBHOOK_SECRET_PREFIX.length);
        return (
          /^[A-Za-z0-9+/]+={0,2}$/u.test(encoded) && Buffer.from(encoded, "base64").length >= 24
        );
      }, "The signing secret must be whsec_ followed by at least 24 bytes in base64; leave it empty to have one generated")
      .default(generateWebhookSecret),
  ),
  /** Headers whose values are secret, e.g. `Authorization: Bearer …` for the receiver. */
  headers: headerRecord("secret").optional(),
});

export type WebhookSecrets = z.output<typeof webhookSecretsSchema>;
