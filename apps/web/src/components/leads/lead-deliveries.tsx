"use client";

import { ChevronRight, Send } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "~/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Table, Td, Th } from "~/components/ui/table";
import { cn } from "~/lib/utils";
import type { LeadDetail } from "./types";

type Delivery = LeadDetail["deliveries"][number];
type Attempt = Delivery["attempts"][number];

const STATUS_VARIANT: Record<string, "success" | "warning" | "danger" | "brand" | "default"> = {
  DELIVERED: "success",
  ACCEPTED: "brand",
  PENDING: "default",
  RETRYING: "warning",
  FAILED: "danger",
  HELD: "warning",
};

const OUTCOME_TONE: Record<string, string> = {
  delivered: "text-emerald-700",
  accepted: "text-sky-700",
  retryable: "text-amber-700",
  permanent_failure: "text-red-700",
  auth_invalid: "text-red-700",
  in_progress: "text-slate-500",
  interrupted: "text-amber-700",
};

export function LeadDeliveries({ deliveries }: { deliveries: Delivery[] }) {
  const t = useTranslations("leadDetail.deliveries");
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        {deliveries.length === 0 ? (
          <div className="flex gap-3 rounded-lg bg-slate-50 px-4 py-3 text-sm text-slate-600">
            <Send className="mt-0.5 size-4 shrink-0 text-slate-400" aria-hidden="true" />
            <p>
              {t.rich("none", {
                offers: (chunks) => (
                  <Link href="/offers" className="font-medium text-brand-700 hover:underline">
                    {chunks}
                  </Link>
                ),
              })}
            </p>
          </div>
        ) : (
          <ul className="grid gap-4" data-testid="deliveries">
            {deliveries.map((delivery) => (
              <DeliveryItem key={delivery.id} delivery={delivery} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function DeliveryItem({ delivery }: { delivery: Delivery }) {
  const t = useTranslations("leadDetail.deliveries");
  const format = useFormatter();
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <li className="rounded-lg border border-slate-200">
      <div className="flex flex-wrap items-start justify-between gap-3 p-4">
        <div className="min-w-0">
          <div className="break-words font-medium text-slate-900">{delivery.destination.name}</div>
          <div className="text-xs text-slate-500">
            {t(`kind.${delivery.destination.kind}`)}
            {delivery.destination.state !== "ACTIVE"
              ? ` · ${t(`destinationState.${delivery.destination.state}`)}`
              : ""}
          </div>
        </div>
        <div className="text-right">
          <Badge variant={STATUS_VARIANT[delivery.status] ?? "default"}>
            {t(`status.${delivery.status}`)}
          </Badge>
          <div className="mt-1 text-xs text-slate-500">
            {delivery.deliveredAt
              ? when(delivery.deliveredAt)
              : delivery.nextAttemptAt &&
                  (delivery.status === "RETRYING" || delivery.status === "PENDING")
                ? t("nextAttempt", { when: when(delivery.nextAttemptAt) })
                : delivery.attemptCount > 0
                  ? t("attemptCount", { count: delivery.attemptCount })
                  : t("notAttempted")}
          </div>
        </div>
      </div>
      {delivery.status === "ACCEPTED" ? (
        <p className="border-t border-slate-100 px-4 py-2 text-xs text-sky-800">
          {t("acceptedHint")}
        </p>
      ) : null}
      {delivery.status === "HELD" ? (
        <p className="border-t border-slate-100 px-4 py-2 text-xs text-amber-800">
          {t("heldHint")}
        </p>
      ) : null}
      {delivery.lastError && delivery.status !== "DELIVERED" ? (
        <p className="break-words border-t border-slate-100 px-4 py-2 text-xs text-red-700">
          {delivery.lastError}
        </p>
      ) : null}
      {delivery.externalId ? (
        <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
          {t("externalId")} <code className="break-all text-slate-700">{delivery.externalId}</code>
        </p>
      ) : null}
      {delivery.attempts.length > 0 ? (
        <details className="group border-t border-slate-100">
          <summary className="flex cursor-pointer select-none items-center gap-1.5 px-4 py-2 text-xs font-medium text-slate-600 hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
            <ChevronRight
              className="size-3.5 transition-transform group-open:rotate-90"
              aria-hidden="true"
            />
            {t("attempts", { count: delivery.attempts.length })}
          </summary>
          <Table>
            <thead>
              <tr>
                <Th className="pl-4">{t("attempt.time")}</Th>
                <Th>{t("attempt.outcome")}</Th>
                <Th className="text-right">{t("attempt.http")}</Th>
                <Th className="text-right">{t("attempt.latency")}</Th>
                <Th className="pr-4">{t("attempt.response")}</Th>
              </tr>
            </thead>
            <tbody>
              {delivery.attempts.map((attempt) => (
                <AttemptRow key={attempt.id} attempt={attempt} />
              ))}
            </tbody>
          </Table>
        </details>
      ) : null}
    </li>
  );
}

function AttemptRow({ attempt }: { attempt: Attempt }) {
  const t = useTranslations("leadDetail.deliveries");
  const format = useFormatter();
  const outcomeKey = `outcome.${attempt.outcome}` as const;
  const detail = attempt.error ?? attempt.responseExcerpt;
  return (
    <tr className="align-top">
      <Td className="whitespace-nowrap py-2 pl-4 text-xs text-slate-600">
        {format.dateTime(attempt.startedAt, { dateStyle: "short", timeStyle: "medium" })}
      </Td>
      <Td
        className={cn(
          "whitespace-nowrap py-2 text-xs font-medium",
          OUTCOME_TONE[attempt.outcome] ?? "text-slate-700",
        )}
      >
        {t.has(outcomeKey) ? t(outcomeKey) : attempt.outcome}
      </Td>
      <Td className="py-2 text-right font-mono text-xs tabular-nums">
        {attempt.httpStatus ?? "—"}
      </Td>
      <Td className="whitespace-nowrap py-2 text-right text-xs tabular-nums text-slate-600">
        {t("ms", { ms: attempt.durationMs })}
      </Td>
      <Td className="max-w-72 py-2 pr-4 text-xs">
        {detail ? (
          <span
            className={cn(
              "line-clamp-3 break-all font-mono",
              attempt.error ? "text-red-700" : "text-slate-600",
            )}
            title={detail}
          >
            {detail}
          </span>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </Td>
    </tr>
  );
}
