"use server";

import { signOut } from "@leadrelay/auth";

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
