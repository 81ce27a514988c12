import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptJson, decryptSecret, encryptJson, encryptSecret, generateToken, maskSecret, sha256Hex } from "./index";

const key = randomBytes(32);

describe("secrets at rest", () => {
  it("round-trips text and JSON, with a fresh nonce each time", () => {
    const a = encryptSecret("client-secret-ü", key);
    const b = encryptSecret("client-secret-ü", key);
    expect(a).not.toBe(b);
    expect(a).not.toContain("client-secret");
    expect(decryptSecret(a, key)).toBe("client-secret-ü");
    expect(decryptJson(encryptJson({ secret: "s", n: 1 }, key), key)).toEqual({ secret: "s", n: 1 });
  });

  it("refuses tampered ciphertext and the wrong key", () => {
    const sealed = encryptSecret("secret", key);
    const parts = sealed.split(".");
    const data = Buffer.from(parts[3]!, "base64url");
    data[0] = data[0]! ^ 1;
    const tampered = [parts[0], parts[1], parts[2], data.toString("base64url")].join(".");
    expect(() => decryptSecret(tampered, key)).toThrow();
    expect(() => decryptSecret(sealed, randomBytes(32))).toThrow();
    expect(() => decryptSecret("garbage", key)).toThrow(/format/);
  });

  it("makes prefixed unguessable tokens and hashes them", () => {
    const token = generateToken("lr_");
    expect(token).toMatch(/^lr_[\w-]{43}$/);
    expect(generateToken("lr_")).not.toBe(token);
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(maskSecret("supersecret")).toBe("••••cret");
  });
});
