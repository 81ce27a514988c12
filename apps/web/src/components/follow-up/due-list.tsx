"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { AlarmClock, CalendarCheck, Sprout } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Card } from "~/components/ui/card";
import { Label, NativeSelect } from "~/components/ui/input";
import { useTRPC } from "~/trpc/react";
import { LeadRow, type FollowUpLead } from "./lead-row";
import { LeadSheet, type LeadSummary } from "./lead-sheet";
import { NotificationsCard } from "./notifications-card";
import { dueInput } from "./query-inputs";
import { useViewTimeZone } from "./use-follow-up-data";

/** Today's work: overdue follow-ups, the rest of today's, and nurtured leads due for a touch, per owner. */
export function DueList({ initialOwner = "me" }: { initialOwner?: string }) {
  const t = useTranslations("followUp");
  const trpc = useTRPC();
  const timeZone = useViewTimeZone();
  const [owner, setOwner] = useState(initialOwner);
  const [open, setOpen] = useState<LeadSummary | null>(null);
  // Suspense, not loading states: the server prefetch streams in and hydration sees the same data.
  const [switching, startTransition] = useTransition();
  const { data } = useSuspenseQuery(trpc.followUps.due.queryOptions(dueInput(owner, timeZone)));
  const { data: members } = useSuspenseQuery(trpc.members.list.queryOptions());
  const pickOwner = (value: string) => startTransition(() => setOwner(value));

  const sections: { key: "overdue" | "today" | "nurtureDue"; icon: typeof AlarmClock; tone: string; when: (l: FollowUpLead) => Date | null }[] = [
    { key: "overdue", icon: AlarmClock, tone: "text-red-600", when: (l) => l.nextFollowUpAt },
    { key: "today", icon: CalendarCheck, tone: "text-brand-600", when: (l) => l.nextFollowUpAt },
    { key: "nurtureDue", icon: Sprout, tone: "text-emerald-600", when: (l) => l.nurtureUntil },
  ];
  const total = data.overdue.length + data.today.length + data.nurtureDue.length;

  return (
    <div className={`grid gap-6 transition-opacity ${switching ? "opacity-60" : ""}`}>
      <NotificationsCard />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="grid w-64 gap-1.5">
          <Label htmlFor="due-owner">{t("ownerFilter")}</Label>
          <NativeSelect id="due-owner" value={owner} onChange={(e) => pickOwner(e.target.value)}>
            <option value="me">{t("owners.me")}</option>
            <option value="any">{t("owners.any")}</option>
            <option value="unassigned">{t("owners.unassigned")}</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>{m.name ?? m.email}</option>
            ))}
          </NativeSelect>
        </div>
        {owner === "any" && data.owners.length > 0 ? (
          <ul className="flex flex-wrap gap-2" aria-label={t("perOwner")}>
            {data.owners.map((o) => (
              <li key={o.owner?.userId ?? "unassigned"}>
                <button
                  type="button"
                  onClick={() => pickOwner(o.owner?.userId ?? "unassigned")}
                  className="rounded-full border border-slate-200 bg-white px-3 py-1 text-xs text-slate-700 shadow-xs hover:bg-slate-50"
                >
                  <span className="font-medium">{o.owner ? (o.owner.name ?? o.owner.email) : t("unassigned")}</span>
                  {": "}
                  {t("ownerCounts", { overdue: o.overdue, today: o.today, nurture: o.nurtureDue })}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>

      {total === 0 ? (
        <Card className="grid place-items-center px-6 py-14 text-center">
          <CalendarCheck className="size-8 text-emerald-500" aria-hidden="true" />
          <h2 className="mt-3 text-base font-semibold">{t("allClear")}</h2>
          <p className="mt-1 max-w-md text-sm text-slate-500">{t("allClearBody")}</p>
        </Card>
      ) : (
        sections.map(({ key, icon: Icon, tone, when }) => {
          const leads = data[key];
          if (leads.length === 0) return null;
          return (
            <section key={key} aria-labelledby={`due-${key}`}>
              <h2 id={`due-${key}`} className="mb-2 flex items-center gap-2 text-sm font-semibold text-slate-900">
                <Icon className={`size-4 ${tone}`} aria-hidden="true" />
                {t(`sections.${key}`)}
                <span className="rounded-full bg-slate-100 px-2 text-xs font-medium text-slate-600">{leads.length}</span>
              </h2>
              <Card className="overflow-hidden">
                <ul className="divide-y divide-slate-100">
                  {leads.map((lead) => (
                    <LeadRow key={lead.id} lead={lead} when={when(lead)} onOpen={setOpen} />
                  ))}
                </ul>
              </Card>
            </section>
          );
        })
      )}
      <LeadSheet lead={open} onClose={() => setOpen(null)} />
    </div>
  );
}
