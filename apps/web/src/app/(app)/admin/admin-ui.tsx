"use client";

import type { LucideIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";
import { Td } from "~/components/ui/table";
import { cn } from "~/lib/utils";

type DestinationState = "ACTIVE" | "FAILING" | "PAUSED" | "DISABLED";
type DeliveryStatus = "PENDING" | "DELIVERED" | "ACCEPTED" | "RETRYING" | "FAILED" | "HELD";

const stateVariant = { ACTIVE: "success", FAILING: "warning", PAUSED: "danger", DISABLED: "default" } as const;

export function TenantStatusBadge({ status }: { status: "ACTIVE" | "SUSPENDED" }) {
  const t = useTranslations("admin");
  return <Badge variant={status === "ACTIVE" ? "success" : "warning"}>{t(status)}</Badge>;
}

export function DestinationStateBadge({ state }: { state: DestinationState }) {
  const t = useTranslations("adminConsole.destinationState");
  return <Badge variant={stateVariant[state]}>{t(state)}</Badge>;
}

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const t = useTranslations("adminConsole.deliveryStatus");
  const variant = status === "FAILED" ? "danger" : status === "RETRYING" || status === "HELD" ? "warning" : status === "PENDING" ? "default" : "success";
  return <Badge variant={variant}>{t(status)}</Badge>;
}

export function DestinationKindLabel({ kind }: { kind: string }) {
  const t = useTranslations("adminConsole.destinationKind");
  return <>{t.has(kind) ? t(kind) : kind}</>;
}

/** A number with a label, for the summary rows at the top of console pages. */
export function Stat({ label, value, detail, icon: Icon, tone = "default" }: { label: string; value: React.ReactNode; detail?: React.ReactNode; icon?: LucideIcon; tone?: "default" | "warning" | "danger" }) {
  return (
    <Card className="p-4">
      <div className="flex items-center gap-2 text-xs font-medium uppercase tracking-wide text-slate-500">
        {Icon ? <Icon className="size-3.5" aria-hidden="true" /> : null}
        {label}
      </div>
      <div className={cn("mt-1 text-2xl font-semibold tabular-nums", tone === "warning" ? "text-amber-700" : tone === "danger" ? "text-red-700" : "text-slate-900")}>{value}</div>
      {detail ? <div className="mt-0.5 text-xs text-slate-500">{detail}</div> : null}
    </Card>
  );
}

/** "12 min ago" with the exact time on hover; a dash when there is no date. */
export function When({ date, now }: { date: Date | null | undefined; now?: Date }) {
  const format = useFormatter();
  if (!date) return <span className="text-slate-400">—</span>;
  return (
    <time dateTime={date.toISOString()} title={format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" })} className="whitespace-nowrap">
      {format.relativeTime(date, now ?? new Date())}
    </time>
  );
}

/** Seconds as "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function useDuration() {
  const t = useTranslations("adminConsole.duration");
  return (seconds: number) => {
    if (seconds < 60) return t("seconds", { s: Math.max(0, Math.floor(seconds)) });
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return t("minutes", { m: minutes });
    const hours = Math.floor(minutes / 60);
    if (hours < 48) return t("hours", { h: hours, m: minutes % 60 });
    return t("days", { d: Math.floor(hours / 24), h: hours % 24 });
  };
}

/** A table row saying "loading", "nothing here" or "could not load". */
export function TableMessage({ colSpan, children, tone = "muted" }: { colSpan: number; children: React.ReactNode; tone?: "muted" | "error" }) {
  return (
    <tr>
      <Td colSpan={colSpan} className={cn("py-10 text-center", tone === "error" ? "text-red-700" : "text-slate-500")}>
        {children}
      </Td>
    </tr>
  );
}

/** Placeholder rows while a table loads. */
export function SkeletonRows({ columns, rows = 4 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <tr key={r} aria-hidden="true">
          {Array.from({ length: columns }, (_, c) => (
            <Td key={c} className={c === 0 ? "pl-6" : undefined}>
              <div className={cn("h-3.5 animate-pulse rounded bg-slate-100", c === 0 ? "w-40" : "w-16")} />
            </Td>
          ))}
        </tr>
      ))}
    </>
  );
}
