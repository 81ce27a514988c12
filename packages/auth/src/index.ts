import NextAuth from "next-auth";
import { buildAuthConfig } from "./config";

export { entraIdConfigured } from "./env";

const nextAuth = NextAuth(() => buildAuthConfig());

export const { handlers, signIn, signOut } = nextAuth;

export interface SessionUser {
  userId: string;
}

/** The signed-in user of the current request, or null. Nothing else in the app imports next-auth's server API. */
export async function getSession(): Promise<SessionUser | null> {
  const session = await nextAuth.auth();
  const userId = session?.user?.id;
  return userId ? { userId } : null;
}
