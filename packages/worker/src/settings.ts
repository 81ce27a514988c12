import { workerEnv } from "./env";

/** What every call to a destination needs from the environment (worker and "Send test lead" alike). */
export interface DeliverySettings {
  timeoutMs: number;
  allowPrivateNetwork: boolean;
  /** Multiplies retry delays (1 in production). */
  retryScale: number;
  /** Days of nothing but failures after which a destination is paused (default 5). */
  pauseAfterFailingDays?: number;
  smtpUrl?: string;
  smtpFrom?: string;
  /** Public origin of the app, for links back to leads and destinations. */
  publicUrl?: string;
}

export function deliverySettings(overrides: Partial<DeliverySettings> = {}): DeliverySettings {
  const env = workerEnv();
  return {
    timeoutMs: env.LEADRELAY_DELIVERY_TIMEOUT_MS,
    allowPrivateNetwork: env.LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS,
    retryScale: env.LEADRELAY_RETRY_SCALE,
    pauseAfterFailingDays: env.LEADRELAY_PAUSE_AFTER_FAILING_DAYS,
    ...(env.SMTP_URL ? { smtpUrl: env.SMTP_URL, smtpFrom: env.SMTP_FROM } : {}),
    ...(env.LEADRELAY_PUBLIC_URL ? { publicUrl: env.LEADRELAY_PUBLIC_URL.replace(/\/+$/u, "") } : {}),
    ...overrides,
  };
}
