import { decryptJson } from "@leadrelay/crypto";
import type { DestinationKind } from "@leadrelay/db";
import { deliverToDestination, type DeliveryContext, type DeliveryOutcome } from "@leadrelay/destinations";
import { formatOfferId, type Lead } from "@leadrelay/leads";
import type { DeliverySettings } from "./settings";

export interface StoredDestination {
  kind: DestinationKind;
  config: Record<string, unknown>;
  secretsCiphertext: string | null;
}

export interface CallOptions {
  idempotencyKey: string;
  /** 1-based attempt number of this delivery. */
  attempt: number;
  now: Date;
  settings: DeliverySettings;
  /** Link back to the lead in Leadrelay (e-mail notices, CRM descriptions). */
  appUrl?: string;
  fetch?: typeof fetch;
  abortSignal?: AbortSignal;
}

export interface CallResult {
  outcome: DeliveryOutcome;
  durationMs: number;
}

/**
 * Adapters time their own requests out; this is the backstop for one that hangs anyway
 * (an SDK or SMTP server that never answers), so a worker slot is never lost.
 */
const BACKSTOP_GRACE_MS = 5_000;

/** How the tenant names the offer in destinations: `publisher.offer` when known, else its title. */
export function offerLabelOf(lead: Pick<Lead, "offer" | "offerTitle">): string {
  return lead.offer ? formatOfferId(lead.offer) : (lead.offerTitle ?? "");
}

/**
 * Calls the destination once: decrypts the secrets and hands over to the package's
 * `deliverToDestination` (settings checked by the kind's schemas, adapter errors turned
 * into outcomes), so the caller always has an outcome to record, and how long it took.
 */
export async function callDestination(destination: StoredDestination, lead: Lead, options: CallOptions): Promise<CallResult> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;

  let secrets: unknown = {};
  if (destination.secretsCiphertext) {
    try {
      secrets = decryptJson<unknown>(destination.secretsCiphertext);
    } catch {
      const reason = "The destination's secrets cannot be decrypted (was LEADRELAY_ENCRYPTION_KEY changed?). Enter them again.";
      return { outcome: { kind: "auth_invalid", reason }, durationMs: elapsed() };
    }
  }

  const { settings } = options;
  const ctx: DeliveryContext = {
    idempotencyKey: options.idempotencyKey,
    attempt: options.attempt,
    offerLabel: offerLabelOf(lead),
    now: options.now,
    timeoutMs: settings.timeoutMs,
    allowPrivateNetwork: settings.allowPrivateNetwork,
    ...(options.appUrl ? { appUrl: options.appUrl } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.abortSignal ? { signal: options.abortSignal } : {}),
    ...(settings.smtpUrl ? { smtpUrl: settings.smtpUrl } : {}),
    ...(settings.smtpFrom ? { smtpFrom: settings.smtpFrom } : {}),
  };

  let backstop: NodeJS.Timeout | undefined;
  const hung = new Promise<DeliveryOutcome>((resolve) => {
    const waitMs = settings.timeoutMs + BACKSTOP_GRACE_MS;
    backstop = setTimeout(
      () => resolve({ kind: "retryable", timedOut: true, reason: `No answer within ${Math.round(waitMs / 1000)} s.` }),
      waitMs,
    );
  });
  try {
    const outcome = await Promise.race([deliverToDestination(destination.kind, lead, destination.config, secrets, ctx), hung]);
    return { outcome, durationMs: elapsed() };
  } finally {
    clearTimeout(backstop);
  }
}
