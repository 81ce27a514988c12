import type { DeliveryContext } from "../types";

/** A delivery context for tests: short timeout, private network allowed (the fakes listen on 127.0.0.1). */
export function testDeliveryContext(overrides: Partial<DeliveryContext> = {}): DeliveryContext {
  return {
    idempotencyKey: "msg_2Vt0dHkKbq0Xy8Nw3mEw0bKpQ1f",
    attempt: 1,
    offerLabel: "woodgrove.secure-vm",
    appUrl: "https://app.leadrelay.example/leads/lead_123",
    now: new Date(),
    timeoutMs: 2_000,
    allowPrivateNetwork: true,
    ...overrides,
  };
}
