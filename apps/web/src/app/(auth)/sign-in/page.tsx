import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { entraIdConfigured, getSession } from "@leadrelay/auth";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; email?: string }> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getSession()) redirect(callbackUrl);
  return <SignInForm callbackUrl={callbackUrl} defaultEmail={params.email ?? ""} microsoft={entraIdConfigured()} />;
}

/** Only same-site paths, so the sign-in page cannot bounce users to another site. */
function safeCallback(value: string | undefined): string {
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/leads";
}
