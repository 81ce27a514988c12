import { getDb, UserRepository } from "@leadrelay/db";
import { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import { verifyCredentials } from "./credentials";
import { authEnv, entraIdConfigured } from "./env";

class InvalidCredentials extends CredentialsSignin {
  override code = "invalid";
}
class LockedOut extends CredentialsSignin {
  override code = "locked";
}

export function buildAuthConfig(): NextAuthConfig {
  const env = authEnv();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(raw) {
        const email = typeof raw.email === "string" ? raw.email : "";
        const password = typeof raw.password === "string" ? raw.password : "";
        if (!email || !password) throw new InvalidCredentials();
        const result = await verifyCredentials(getDb(), email, password);
        if (!result.ok) throw result.reason === "locked" ? new LockedOut() : new InvalidCredentials();
        return { id: result.userId };
      },
    }),
  ];
  if (entraIdConfigured(env)) {
    providers.push(
      MicrosoftEntraID({
        clientId: env.AUTH_MICROSOFT_ENTRA_ID_ID,
        clientSecret: env.AUTH_MICROSOFT_ENTRA_ID_SECRET,
        issuer: env.AUTH_MICROSOFT_ENTRA_ID_ISSUER,
      }),
    );
  }

  return {
    secret: env.AUTH_SECRET,
    trustHost: true,
    // Credentials sign-in needs JWT sessions. Revocation does not rely on the
    // token: every tenant request re-reads membership and tenant status.
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in" },
    providers,
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "microsoft-entra-id") return true;
        const email = (profile?.email ?? user.email ?? "").toString();
        if (!email) return false;
        const users = new UserRepository(getDb());
        const existing = (await users.findByEmail(email)) ?? (await users.create({ email, name: user.name ?? null }));
        await users.linkAccount({
          userId: existing.id,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          type: account.type,
        });
        user.id = existing.id;
        return true;
      },
      jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}
