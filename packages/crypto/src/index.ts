import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { cryptoEnv } from "./env";

const VERSION = "v1";

function key(): Buffer {
  return Buffer.from(cryptoEnv().LEADRELAY_ENCRYPTION_KEY, "base64");
}

/**
 * AES-256-GCM with a random 96-bit nonce. Output: `v1.<nonce>.<tag>.<ciphertext>`
 * (base64url), so the format can change later without ambiguity.
 */
export function encryptSecret(plaintext: string, encryptionKey: Buffer = key()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey, iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

export function decryptSecret(sealed: string, encryptionKey: Buffer = key()): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("Unrecognised secret format.");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

export function encryptJson(value: unknown, encryptionKey?: Buffer): string {
  return encryptSecret(JSON.stringify(value), encryptionKey);
}

export function decryptJson<T>(sealed: string, encryptionKey?: Buffer): T {
  return JSON.parse(decryptSecret(sealed, encryptionKey)) as T;
}

/** sha256 hex: how bearer tokens (capture URLs, API tokens, invitations) are looked up without being stored. */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** An unguessable token: `prefix` + 32 random bytes, base64url. */
export function generateToken(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `••••last4` for showing that a secret is set without revealing it. */
export function maskSecret(value: string): string {
  return value.length <= 4 ? "••••" : `••••${value.slice(-4)}`;
}
