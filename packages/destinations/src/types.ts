import type { Lead } from "@leadrelay/leads";
import type { z } from "zod";

import type { LookupAll } from "./net/ssrf";

/** Every destination kind; the same names as the `DestinationKind` enum in prisma/schema.prisma. */
export const DESTINATION_KINDS = [
  "DYNAMICS_365",
  "SALESFORCE",
  "MARKETO",
  "AZURE_TABLE",
  "WEBHOOK",
  "EMAIL",
] as const;

export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/**
 * What one delivery attempt came to. Adapters return it instead of throwing, so the worker
 * records the attempt and schedules the retry in one place.
 */
export type DeliveryOutcome =
  | { kind: "delivered"; externalId?: string; httpStatus?: number; responseExcerpt?: string }
  /** The receiver took the lead but cannot confirm it was stored (Salesforce Web-to-Lead). */
  | { kind: "accepted"; note: string; httpStatus?: number; responseExcerpt?: string }
  | {
      kind: "retryable";
      reason: string;
      retryAfterSeconds?: number;
      /** No answer within the timeout: the retry schedule waits at least a minute, as after a 429. */
      timedOut?: boolean;
      httpStatus?: number;
      responseExcerpt?: string;
    }
  | { kind: "permanent_failure"; reason: string; httpStatus?: number; responseExcerpt?: string }
  | { kind: "auth_invalid"; reason: string; httpStatus?: number; responseExcerpt?: string };

export type DeliveryOutcomeKind = DeliveryOutcome["kind"];

export interface DeliveryContext {
  /** Same on every retry and replay of one delivery (the `webhook-id`), so receivers can drop duplicates. */
  idempotencyKey: string;
  /** 1-based. */
  attempt: number;
  /** How the tenant names the offer: `publisher.offer` or its title. */
  offerLabel: string;
  /** Link back to the lead in Leadrelay. */
  appUrl?: string;
  now: Date;
  /** 15–30 s in production; tests shorten it. */
  timeoutMs: number;
  /**
   * Tests only: replaces the HTTP client, and with it the connect-time address check.
   * Production code passes `signal` instead, so requests keep the SSRF guard.
   */
  fetch?: typeof fetch;
  /** Aborts the HTTP adapters' requests (the worker's shutdown), besides `timeoutMs`. */
  signal?: AbortSignal;
  /** SMTP server for EMAIL destinations (the operator's `SMTP_URL`, `SMTP_FROM`). */
  smtpUrl?: string;
  smtpFrom?: string;
  /** LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS: lets destinations reach loopback/private hosts and plain http. */
  allowPrivateNetwork: boolean;
  /** DNS resolver (every address of a host) for the SSRF checks; tests inject one. Default: dns.lookup. */
  lookup?: LookupAll;
}

/** In-product guidance shown beside the destination's form. */
export interface SetupGuide {
  steps: string[];
  /** Fields the receiving system must have (e.g. the Marketo form's fields). */
  requiredFields?: string[];
  warnings?: string[];
}

export interface DestinationAdapter<C = unknown, S = unknown> {
  kind: DestinationKind;
  label: string;
  description: string;
  /** Non-secret settings, with a message per field. */
  configSchema: z.ZodType<C>;
  /** Secret settings: encrypted at rest by the caller and never returned to the browser. */
  secretsSchema: z.ZodType<S>;
  /** Names of the secret fields, for masking in the UI. */
  secretFields: readonly string[];
  setupGuide: SetupGuide;
  /** Never throws for remote failures: every failure is an outcome. */
  deliver(lead: Lead, config: C, secrets: S, ctx: DeliveryContext): Promise<DeliveryOutcome>;
}
