import { createHash } from "node:crypto";

/**
 * Access tokens kept per credential set until shortly before they expire: one token request
 * per hour instead of one per lead. The key includes a hash of the secret, so a rotated
 * secret gets a fresh token; the secret itself is never kept here.
 */
export class TokenCache {
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    /** Tokens are dropped this long before their stated expiry (clock skew, slow requests). */
    private readonly skewMs = 5 * 60_000,
    private readonly maxEntries = 1000,
  ) {}

  static key(parts: readonly string[], secret: string): string {
    return [...parts, createHash("sha256").update(secret).digest("base64url")].join("\n");
  }

  get(key: string, now: Date): string | undefined {
    const entry = this.tokens.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now.getTime()) {
      this.tokens.delete(key);
      return undefined;
    }
    return entry.token;
  }

  set(key: string, token: string, expiresInSeconds: number, now: Date): void {
    if (this.tokens.size >= this.maxEntries && !this.tokens.has(key)) {
      // Maps iterate in insertion order: drop the oldest.
      const oldest = this.tokens.keys().next();
      if (!oldest.done) this.tokens.delete(oldest.value);
    }
    this.tokens.set(key, {
      token,
      expiresAt: now.getTime() + Math.max(0, expiresInSeconds * 1000 - this.skewMs),
    });
  }

  delete(key: string): void {
    this.tokens.delete(key);
  }

  clear(): void {
    this.tokens.clear();
  }
}
