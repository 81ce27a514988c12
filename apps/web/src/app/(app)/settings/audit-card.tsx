"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { useTRPC } from "~/trpc/react";

export function AuditCard() {
  const t = useTranslations("settings");
  const format = useFormatter();
  const trpc = useTRPC();
  const { data: events } = useSuspenseQuery(trpc.tenant.auditLog.queryOptions());
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("audit")}</CardTitle>
        <CardDescription>{t("auditDescription")}</CardDescription>
      </CardHeader>
      <CardContent>
        {events.length === 0 ? (
          <p className="text-sm text-slate-500">{t("noAudit")}</p>
        ) : (
          <ol className="grid gap-2 text-sm">
            {events.slice(0, 20).map((event) => (
              <li key={event.id} className="flex flex-wrap gap-x-3 text-slate-600">
                <time className="w-40 shrink-0 text-xs text-slate-400" dateTime={event.createdAt.toISOString()}>
                  {format.dateTime(event.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                </time>
                <code className="rounded bg-slate-100 px-1.5 text-xs text-slate-700">{event.action}</code>
                <span>{event.actor?.email ?? "system"}</span>
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
