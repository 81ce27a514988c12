import { RateLimitRepository, UserRepository, type DbTx } from "@leadrelay/db";
import { authEnv } from "./env";
import { dummyPasswordHash, verifyPassword } from "./password";

export type CredentialsResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

const failureKey = (email: string) => `signin-failures:${email.trim().toLowerCase()}`;

/**
 * Checks an e-mail and password. Attempts are counted per address in Postgres,
 * so a lockout holds across every app instance; a success clears the count.
 */
export async function verifyCredentials(db: DbTx, email: string, password: string, now = Date.now()): Promise<CredentialsResult> {
  const env = authEnv();
  const limits = new RateLimitRepository(db);
  const key = failureKey(email);
  const window = env.LEADRELAY_SIGNIN_LOCKOUT_SECONDS;

  // Count the attempt before checking it, atomically: parallel guesses cannot slip past the limit.
  const attempts = await limits.hit(key, window);
  if (attempts.count > env.LEADRELAY_SIGNIN_MAX_FAILURES) {
    return { ok: false, reason: "locked", retryAfterSeconds: Math.max(1, Math.ceil((attempts.resetAt.getTime() - now) / 1000)) };
  }

  const user = await new UserRepository(db).findCredentials(email);
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : (await verifyPassword(await dummyPasswordHash(), password), false);

  if (!user || !valid) return { ok: false, reason: "invalid" };
  await limits.reset(key);
  return { ok: true, userId: user.id };
}
