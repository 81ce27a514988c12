"use client";

import { signIn } from "next-auth/react";

export type PasswordSignInResult = { ok: true } | { ok: false; reason: "invalid" | "locked" | "unknown" };

/** Browser-side sign-in with e-mail and password; never throws for a refusal. */
export async function signInWithPassword(email: string, password: string): Promise<PasswordSignInResult> {
  const result = await signIn("credentials", { email, password, redirect: false });
  if (!result?.error) return { ok: true };
  if (result.code === "locked") return { ok: false, reason: "locked" };
  if (result.code === "invalid" || result.error === "CredentialsSignin") return { ok: false, reason: "invalid" };
  return { ok: false, reason: "unknown" };
}

/** Starts the Microsoft Entra ID sign-in redirect. */
export function signInWithMicrosoft(callbackUrl: string) {
  return signIn("microsoft-entra-id", { redirectTo: callbackUrl });
}
