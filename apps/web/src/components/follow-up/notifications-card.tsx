"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "~/components/ui/button";
import { useTRPC } from "~/trpc/react";
import { RelativeTime } from "./relative-time";

/** Unread in-app notices (the daily follow-up digest among them), above today's list. */
export function NotificationsCard() {
  const t = useTranslations("followUp.notifications");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notices = useQuery(trpc.notifications.list.queryOptions({ unreadOnly: true, limit: 5 }));
  const markAll = useMutation(
    trpc.notifications.markAllRead.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() }) }),
  );
  const items = notices.data ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="notices-title" className="rounded-xl border border-brand-100 bg-brand-50/60 p-4">
      <div className="flex items-center justify-between gap-3">
        <h2 id="notices-title" className="flex items-center gap-2 text-sm font-semibold text-slate-900">
          <Bell className="size-4 text-brand-600" aria-hidden="true" />
          {t("title")}
        </h2>
        <Button variant="ghost" size="sm" disabled={markAll.isPending} onClick={() => markAll.mutate()}>
          {t("markAllRead")}
        </Button>
      </div>
      <ul className="mt-2 grid gap-2">
        {items.map((n) => (
          <li key={n.id} className="rounded-lg bg-white px-3 py-2 text-sm shadow-xs">
            <p className="font-medium text-slate-900">{n.title}</p>
            {n.body ? <p className="mt-0.5 whitespace-pre-line text-xs text-slate-600">{n.body}</p> : null}
            <p className="mt-1 text-xs text-slate-400">
              <RelativeTime date={n.createdAt} />
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
