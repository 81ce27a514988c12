import { randomBytes } from "node:crypto";
import { createDb, getDb, RateLimitRepository, UserRepository, type Db } from "@leadrelay/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCredentials } from "./credentials";
import { authEnv } from "./env";
import { hashPassword } from "./password";

const PASSWORD = "correct-horse-battery-staple";
const WRONG = "incorrect-horse-battery-staple";

async function createUser(password = PASSWORD) {
  const email = `signin-${randomBytes(5).toString("hex")}@example.test`;
  const user = await new UserRepository(getDb()).create({ email, name: "Sign-in test", passwordHash: await hashPassword(password) });
  return { id: user.id, email };
}

/** A second, independent client: as another app instance would have. */
let otherInstance: Db;
let maxFailures: number;
let lockoutSeconds: number;

beforeAll(() => {
  otherInstance = createDb(process.env.DATABASE_URL!, 2);
  ({ LEADRELAY_SIGNIN_MAX_FAILURES: maxFailures, LEADRELAY_SIGNIN_LOCKOUT_SECONDS: lockoutSeconds } = authEnv());
});

afterAll(async () => {
  await otherInstance.$disconnect();
});

async function fail(db: Db, email: string, times: number) {
  for (let i = 0; i < times; i++) {
    expect(await verifyCredentials(db, email, WRONG)).toEqual({ ok: false, reason: "invalid" });
  }
}

describe("verifyCredentials", () => {
  it("uses the documented defaults unless configured", () => {
    if (process.env.LEADRELAY_SIGNIN_MAX_FAILURES === undefined) expect(maxFailures).toBe(5);
    if (process.env.LEADRELAY_SIGNIN_LOCKOUT_SECONDS === undefined) expect(lockoutSeconds).toBe(900);
  });

  it("accepts the right password, whatever the e-mail's case and surrounding spaces", async () => {
    const user = await createUser();
    expect(await verifyCredentials(getDb(), user.email, PASSWORD)).toEqual({ ok: true, userId: user.id });
    expect(await verifyCredentials(getDb(), `  ${user.email.toUpperCase()} `, PASSWORD)).toEqual({ ok: true, userId: user.id });
  });

  it("refuses a wrong password, an unknown address and a user without a password alike (invalid)", async () => {
    const user = await createUser();
    expect(await verifyCredentials(getDb(), user.email, WRONG)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(getDb(), user.email, "")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(getDb(), `nobody-${randomBytes(4).toString("hex")}@example.test`, PASSWORD)).toEqual({
      ok: false,
      reason: "invalid",
    });
    // e.g. someone who only ever signed in with Microsoft Entra ID
    const oauthOnly = await new UserRepository(getDb()).create({ email: `entra-${randomBytes(4).toString("hex")}@example.test` });
    expect(await verifyCredentials(getDb(), oauthOnly.email, PASSWORD)).toEqual({ ok: false, reason: "invalid" });
  });

  it(`locks the address after the maximum number of failures, even for the right password`, async () => {
    const user = await createUser();
    await fail(getDb(), user.email, maxFailures - 1);
    // One short of the limit: still open.
    expect(await verifyCredentials(getDb(), user.email, WRONG)).toEqual({ ok: false, reason: "invalid" });

    const locked = await verifyCredentials(getDb(), user.email, PASSWORD);
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    const { retryAfterSeconds } = locked as { retryAfterSeconds: number };
    expect(retryAfterSeconds).toBeGreaterThan(lockoutSeconds - 30);
    expect(retryAfterSeconds).toBeLessThanOrEqual(lockoutSeconds);

    // Other spellings of the address are the same address.
    expect(await verifyCredentials(getDb(), user.email.toUpperCase(), PASSWORD)).toMatchObject({ reason: "locked" });
    // The lock is per address: another account is unaffected.
    const other = await createUser();
    expect(await verifyCredentials(getDb(), other.email, PASSWORD)).toEqual({ ok: true, userId: other.id });
  });

  it("also locks unknown addresses (so a lockout does not reveal which accounts exist)", async () => {
    const email = `ghost-${randomBytes(5).toString("hex")}@example.test`;
    await fail(getDb(), email, maxFailures);
    expect(await verifyCredentials(getDb(), email, PASSWORD)).toMatchObject({ ok: false, reason: "locked" });
  });

  it("shares the failure count between app instances (it lives in Postgres)", async () => {
    const user = await createUser();
    const half = Math.floor(maxFailures / 2);
    await fail(getDb(), user.email, half);
    await fail(otherInstance, user.email, maxFailures - half);
    for (const db of [getDb(), otherInstance]) {
      expect(await verifyCredentials(db, user.email, PASSWORD)).toMatchObject({ ok: false, reason: "locked" });
    }
    const seenByOther = await new RateLimitRepository(otherInstance).peek(`signin-failures:${user.email}`, lockoutSeconds);
    // Every attempt counts, the two refused while locked included.
    expect(seenByOther.count).toBe(maxFailures + 2);
  });

  it("holds under parallel guessing: attempts beyond the limit are refused unchecked", async () => {
    const user = await createUser();
    // Guesses race on two app instances at once. (The owner signing in mid-attack would clear the
    // count by design, so the right password is tried only after the burst.)
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => verifyCredentials(i % 2 ? otherInstance : getDb(), user.email, `wrong guess ${i}`)),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid").length).toBe(maxFailures);
    expect(results.filter((r) => !r.ok && r.reason === "locked").length).toBe(30 - maxFailures);
    expect(await verifyCredentials(otherInstance, user.email, PASSWORD)).toMatchObject({ ok: false, reason: "locked" });
  });

  it("a success resets the count", async () => {
    const user = await createUser();
    await fail(getDb(), user.email, maxFailures - 1);
    expect(await verifyCredentials(otherInstance, user.email, PASSWORD)).toEqual({ ok: true, userId: user.id });
    // A full allowance again: maxFailures - 1 more failures still do not lock.
    await fail(getDb(), user.email, maxFailures - 1);
    expect(await verifyCredentials(getDb(), user.email, PASSWORD)).toEqual({ ok: true, userId: user.id });
  });

  it("the lock ends when the lockout window has passed", async () => {
    const previous = process.env.LEADRELAY_SIGNIN_LOCKOUT_SECONDS;
    process.env.LEADRELAY_SIGNIN_LOCKOUT_SECONDS = "3";
    try {
      const user = await createUser();
      await fail(getDb(), user.email, maxFailures);
      const locked = await verifyCredentials(getDb(), user.email, PASSWORD);
      expect(locked).toMatchObject({ ok: false, reason: "locked" });
      expect((locked as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(3);
      await new Promise((resolve) => setTimeout(resolve, 3100));
      expect(await verifyCredentials(getDb(), user.email, PASSWORD)).toEqual({ ok: true, userId: user.id });
    } finally {
      if (previous === undefined) delete process.env.LEADRELAY_SIGNIN_LOCKOUT_SECONDS;
      else process.env.LEADRELAY_SIGNIN_LOCKOUT_SECONDS = previous;
    }
  });
});
