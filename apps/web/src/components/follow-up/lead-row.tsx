"use client";

import type { RouterOutputs } from "@leadrelay/api";
import { useTranslations } from "next-intl";
import { Badge } from "~/components/ui/badge";
import { FlagBadges, OwnerAvatar, RangeMeter } from "./lead-badges";
import type { LeadSummary } from "./lead-sheet";
import { RelativeTime } from "./relative-time";

export type FollowUpLead = RouterOutputs["followUps"]["due"]["overdue"][number];

export function summaryOf(lead: FollowUpLead): LeadSummary {
  return { id: lead.id, name: lead.name, company: lead.company, email: lead.email, offerTitle: lead.offerTitle };
}

/** One lead in a due list: who, which offer, when it is due, and how far along the 5–12 it is. */
export function LeadRow({ lead, when, onOpen }: { lead: FollowUpLead; when: Date | null; onOpen: (lead: LeadSummary) => void }) {
  const t = useTranslations("followUp");
  return (
    <li>
      <button
        type="button"
        onClick={() => onOpen(summaryOf(lead))}
        data-testid={`due-${lead.id}`}
        className="flex w-full flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 text-left hover:bg-slate-50 focus-visible:bg-slate-50 sm:flex-nowrap"
      >
        <OwnerAvatar owner={lead.owner} />
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium text-slate-900">{lead.name}</span>
          <span className="block truncate text-xs text-slate-500">{[lead.company, lead.offerTitle].filter(Boolean).join(" · ") || "—"}</span>
        </span>
        <Badge>{lead.stage.name}</Badge>
        <span className="hidden md:block">
          <RangeMeter count={lead.followUpCount} status={lead.range} compact />
        </span>
        <FlagBadges flags={lead.flags} only={["overdue", "due_today", "nurture_due", "silent", "uncontacted"]} className="hidden lg:flex" />
        <span className="w-32 text-right text-xs tabular-nums text-slate-600">
          {when ? (
            <RelativeTime date={when} />
          ) : (
            t("notScheduled")
          )}
        </span>
      </button>
    </li>
  );
}
