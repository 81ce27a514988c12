"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { ArrowRightLeft, CalendarClock, CheckSquare, History, Mail, NotebookPen, Phone, Sprout, UserRound, Users, type LucideIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { Button } from "~/components/ui/button";
import { useTRPC } from "~/trpc/react";

interface ActivityRow {
  id: string;
  type: "CALL" | "EMAIL" | "MEETING" | "NOTE";
  outcome: string | null;
  notes: string | null;
  occurredAt: Date;
}

type Data = Record<string, unknown>;
const str = (data: Data, key: string) => (typeof data[key] === "string" ? (data[key] as string) : null);

const ACTIVITY_ICONS: Record<ActivityRow["type"], LucideIcon> = { CALL: Phone, EMAIL: Mail, MEETING: Users, NOTE: NotebookPen };

/** The lead's timeline: who did what, when, newest first; logged activities show their notes. */
export function LeadTimeline({ leadId, activities }: { leadId: string; activities: ActivityRow[] }) {
  const t = useTranslations("followUp.timeline");
  const format = useFormatter();
  const trpc = useTRPC();
  const timeline = useInfiniteQuery(
    trpc.followUps.timeline.infiniteQueryOptions({ leadId, limit: 20 }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const activityById = new Map(activities.map((a) => [a.id, a]));
  const events = timeline.data?.pages.flatMap((p) => p.items) ?? [];

  if (timeline.isPending) return <div className="h-16 animate-pulse rounded-lg bg-slate-100" />;
  if (events.length === 0) return <p className="text-sm text-slate-500">{t("empty")}</p>;

  return (
    <div className="grid gap-3">
      <ol className="relative grid gap-4 border-l border-slate-200 pl-5">
        {events.map((event) => {
          const data = (event.data ?? {}) as Data;
          const actor = event.actor ? (event.actor.name ?? event.actor.email) : t("system");
          const { icon: Icon, text } = describe(event.kind, data, actor, t, format);
          const activity = event.kind === "activity.logged" ? activityById.get(str(data, "activityId") ?? "") : undefined;
          return (
            <li key={event.id} className="relative">
              <span className="absolute -left-[29px] grid size-4 place-items-center rounded-full bg-white ring-1 ring-slate-200">
                <Icon className="size-3 text-slate-500" aria-hidden="true" />
              </span>
              <p className="text-sm text-slate-800">{text}</p>
              {activity?.notes ? <p className="mt-1 whitespace-pre-line rounded-md bg-slate-50 px-2 py-1 text-xs text-slate-600">{activity.notes}</p> : null}
              <p className="mt-0.5 text-xs text-slate-400">
                <time dateTime={event.createdAt.toISOString()}>{format.dateTime(event.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
              </p>
            </li>
          );
        })}
      </ol>
      {timeline.hasNextPage ? (
        <Button variant="ghost" size="sm" className="justify-self-start" disabled={timeline.isFetchingNextPage} onClick={() => void timeline.fetchNextPage()}>
          {t("more")}
        </Button>
      ) : null}
    </div>
  );
}

type T = ReturnType<typeof useTranslations<"followUp.timeline">>;
type F = ReturnType<typeof useFormatter>;

function describe(kind: string, data: Data, actor: string, t: T, format: F): { icon: LucideIcon; text: string } {
  switch (kind) {
    case "stage.changed": {
      const reason = str(data, "reason");
      const text = t("stageChanged", { actor, from: str(data, "from") ?? "—", to: str(data, "to") ?? "—" });
      return { icon: ArrowRightLeft, text: reason === "firstContact" ? `${text} ${t("afterFirstContact")}` : reason === "stageDeleted" ? `${text} ${t("stageDeleted")}` : text };
    }
    case "owner.changed":
      return { icon: UserRound, text: str(data, "to") ? t("assigned", { actor, to: str(data, "to")! }) : t("unassigned", { actor }) };
    case "activity.logged": {
      const type = (str(data, "type") ?? "NOTE") as ActivityRow["type"];
      const outcome = str(data, "outcome");
      return { icon: ACTIVITY_ICONS[type] ?? NotebookPen, text: outcome ? t("activityWithOutcome", { actor, type: t(`types.${type}`), outcome }) : t("activity", { actor, type: t(`types.${type}`) }) };
    }
    case "followup.scheduled": {
      const to = str(data, "to");
      return { icon: CalendarClock, text: to ? t("scheduled", { actor, when: format.dateTime(new Date(to), { dateStyle: "medium", timeStyle: "short" }) }) : t("scheduleCleared", { actor }) };
    }
    case "qualification.checked":
      return { icon: CheckSquare, text: t("checked", { actor, label: str(data, "label") ?? "—" }) };
    case "qualification.unchecked":
      return { icon: CheckSquare, text: t("unchecked", { actor, label: str(data, "label") ?? "—" }) };
    case "lead.qualified":
      return { icon: CheckSquare, text: t("qualified") };
    case "lead.unqualified":
      return { icon: CheckSquare, text: t("unqualified") };
    case "nurture.started":
      return { icon: Sprout, text: t("nurture", { actor, days: typeof data.cadenceDays === "number" ? data.cadenceDays : 0 }) };
    default:
      return { icon: History, text: t("other", { actor, kind }) };
  }
}
