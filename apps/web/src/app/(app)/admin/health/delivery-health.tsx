"use client";

import { useQuery } from "@tanstack/react-query";
import { CheckCircle2, Clock, Layers, PauseCircle, RefreshCw, XCircle } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Button } from "~/components/ui/button";
import { Card, CardHeader, CardTitle } from "~/components/ui/card";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import { SkeletonRows, Stat, TableMessage, TenantStatusBadge, useDuration, When } from "../admin-ui";
import { DestinationHealthTable } from "../destination-health-table";

/** A due job older than this means the workers are behind (or down). */
const STALE_QUEUE_SECONDS = 5 * 60;

export function DeliveryHealth() {
  const t = useTranslations("adminConsole.health");
  const format = useFormatter();
  const duration = useDuration();
  const trpc = useTRPC();
  const health = useQuery({ ...trpc.admin.deliveryHealth.queryOptions(), refetchInterval: 30_000 });
  const queue = health.data?.queue;
  const age = queue?.oldestDueAgeSeconds ?? null;

  return (
    <div className="grid gap-6">
      <div className="flex items-center justify-between gap-3">
        <p className="text-xs text-slate-500" aria-live="polite">
          {health.dataUpdatedAt ? t("updated", { time: format.dateTime(new Date(health.dataUpdatedAt), { timeStyle: "medium" }) }) : null}
        </p>
        <Button variant="secondary" size="sm" onClick={() => void health.refetch()} disabled={health.isFetching}>
          <RefreshCw className={cn(health.isFetching && "animate-spin")} aria-hidden="true" />
          {t("refresh")}
        </Button>
      </div>

      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat icon={Layers} label={t("queueDepth")} value={queue ? format.number(queue.depth) : "…"} detail={queue ? t("queueDetail", { due: queue.dueNow, running: queue.running, scheduled: queue.scheduled }) : undefined} />
        <Stat
          icon={Clock}
          label={t("oldestDue")}
          value={queue ? (age === null ? t("nothingDue") : duration(age)) : "…"}
          tone={age !== null && age > STALE_QUEUE_SECONDS ? "danger" : "default"}
          detail={age !== null && age > STALE_QUEUE_SECONDS ? t("queueBehind") : t("oldestDueHint")}
        />
        <Stat
          icon={PauseCircle}
          label={t("held")}
          value={health.data ? format.number(health.data.deliveries.held) : "…"}
          detail={health.data ? t("retrying", { count: health.data.deliveries.retrying }) : undefined}
        />
        <Stat
          icon={XCircle}
          label={t("failed24h")}
          value={health.data ? format.number(health.data.deliveries.failedLast24Hours) : "…"}
          tone={health.data && health.data.deliveries.failedLast24Hours > 0 ? "warning" : "default"}
          detail={queue && queue.permanentlyFailed > 0 ? t("deadJobs", { count: queue.permanentlyFailed }) : t("failedHint")}
        />
      </div>

      <DestinationHealthTable
        title={t("destinationsTitle")}
        description={t("destinationsDescription")}
        rows={health.data?.destinations}
        before={[
          {
            key: "tenant",
            header: t("tenant"),
            cell: (d) => (
              <>
                <Link href={`/admin/tenants/${d.tenant.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                  {d.tenant.name}
                </Link>
                {d.tenant.status === "SUSPENDED" ? (
                  <div className="mt-1">
                    <TenantStatusBadge status="SUSPENDED" />
                  </div>
                ) : null}
              </>
            ),
          },
        ]}
        after={[
          { key: "since", header: t("since"), className: "text-slate-600", cell: (d) => <When date={d.since} /> },
          {
            key: "reason",
            header: t("reason"),
            className: "hidden max-w-xs md:table-cell",
            cell: (d) => (
              <span className="line-clamp-2 break-words text-xs text-red-700" title={d.lastFailureReason ?? undefined}>
                {d.lastFailureReason ?? "—"}
              </span>
            ),
          },
        ]}
        placeholder={(columns) =>
          health.isPending ? (
            <SkeletonRows columns={columns} />
          ) : health.isError ? (
            <TableMessage colSpan={columns} tone="error">
              {t("loadFailed")}
            </TableMessage>
          ) : (
            <TableMessage colSpan={columns}>
              <span className="inline-flex items-center gap-2 text-emerald-700">
                <CheckCircle2 className="size-4" aria-hidden="true" />
                {t("allHealthy")}
              </span>
            </TableMessage>
          )
        }
      />

      {queue && queue.byTask.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("byTaskTitle")}</CardTitle>
          </CardHeader>
          <ul className="flex flex-wrap gap-2 px-6 pb-6">
            {queue.byTask.map((row) => (
              <li key={row.task} className="rounded-md border border-slate-200 px-3 py-1.5 text-sm">
                <code className="text-xs text-slate-700">{row.task}</code> <span className="ml-1 font-medium tabular-nums">{format.number(row.count)}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
