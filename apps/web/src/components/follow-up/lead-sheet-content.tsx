"use client";

import { ExternalLink, X } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Dialog as Primitive } from "radix-ui";
import { LeadFollowUpPanel } from "./lead-follow-up-panel";

export interface LeadSummary {
  id: string;
  name: string;
  company: string | null;
  email: string | null;
  offerTitle: string | null;
}

/** The lead's follow-up panel in a side sheet, so the board and lists stay in place. */
export function LeadSheet({ lead, onClose }: { lead: LeadSummary | null; onClose: () => void }) {
  const t = useTranslations("followUp");
  return (
    <Primitive.Root open={!!lead} onOpenChange={(open) => (open ? undefined : onClose())}>
      <Primitive.Portal>
        <Primitive.Overlay className="fixed inset-0 z-40 bg-slate-900/30" />
        <Primitive.Content className="fixed inset-y-0 right-0 z-50 flex w-full max-w-xl flex-col bg-white shadow-2xl focus:outline-none">
          {lead ? (
            <>
              <div className="flex items-start justify-between gap-3 border-b border-slate-200 px-6 py-4">
                <div className="min-w-0">
                  <Primitive.Title className="truncate text-lg font-semibold">{lead.name}</Primitive.Title>
                  <Primitive.Description className="truncate text-sm text-slate-500">
                    {[lead.company, lead.email, lead.offerTitle].filter(Boolean).join(" · ") || t("noDetails")}
                  </Primitive.Description>
                  <Link href={`/leads/${lead.id}`} className="mt-1 inline-flex items-center gap-1 text-xs font-medium text-brand-600 hover:underline">
                    {t("openLead")}
                    <ExternalLink className="size-3" aria-hidden="true" />
                  </Link>
                </div>
                <Primitive.Close className="rounded-md p-1 text-slate-500 hover:bg-slate-100" aria-label={t("close")}>
                  <X className="size-5" aria-hidden="true" />
                </Primitive.Close>
              </div>
              <div className="flex-1 overflow-y-auto px-6 py-5">
                <LeadFollowUpPanel leadId={lead.id} />
              </div>
            </>
          ) : null}
        </Primitive.Content>
      </Primitive.Portal>
    </Primitive.Root>
  );
}
