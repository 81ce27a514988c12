"use server";

import { getSession } from "@leadrelay/auth";
import { parseMarketoEmbedCode } from "@leadrelay/destinations";

/**
 * Reads Server ID, Munchkin ID and Form ID from a pasted Marketo form embed code with the
 * adapter's own parser (which reads them by position, as Marketo writes them).
 */
export async function parseMarketoEmbedAction(embedCode: string): Promise<{ serverId?: string; munchkinId: string; formId: number } | null> {
  if (typeof embedCode !== "string" || embedCode.length > 20_000) return null;
  if (!(await getSession())) return null;
  return parseMarketoEmbedCode(embedCode) ?? null;
}
