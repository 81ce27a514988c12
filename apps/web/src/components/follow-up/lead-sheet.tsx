"use client";

import dynamic from "next/dynamic";
import type { LeadSummary } from "./lead-sheet-content";

export type { LeadSummary } from "./lead-sheet-content";

// The sheet (Radix Dialog, the follow-up panel and its activity form) loads after the page.
const Sheet = dynamic(() => import("./lead-sheet-content").then((m) => m.LeadSheet), { ssr: false });

/** The lead's follow-up panel in a side sheet, so the board and lists stay in place. */
export function LeadSheet(props: { lead: LeadSummary | null; onClose: () => void }) {
  return <Sheet {...props} />;
}
