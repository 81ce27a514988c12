import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSession } from "@leadrelay/auth";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; email?: string }> }) {
  const params = await searchParams;
  const callbackUrl = params.callbackUrl?.startsWith("/") && !params.callbackUrl.startsWith("//") ? params.callbackUrl : "/leads";
  if (await getSession()) redirect(callbackUrl);
  return <SignUpForm callbackUrl={callbackUrl} defaultEmail={params.email ?? ""} />;
}
