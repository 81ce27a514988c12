"use client";

import { BadgeCheck, CircleCheck, CircleX } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { RelativeTime } from "~/components/follow-up/relative-time";
import { Badge } from "~/components/ui/badge";
import type { DeliveryStatus, DestinationView } from "./types";

const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** One line that tells destinations of a kind apart: the URL, org, form, table or recipients. */
export function destinationSummary(destination: Pick<DestinationView, "kind" | "config">): string {
  const config = asRecord(destination.config);
  const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "");
  switch (destination.kind) {
    case "WEBHOOK":
      return text(config.url);
    case "DYNAMICS_365":
      return text(config.instanceUrl);
    case "SALESFORCE":
      return text(config.orgId);
    case "MARKETO":
      return [text(config.munchkinId), config.formId ? `#${text(config.formId)}` : ""].filter(Boolean).join(" · ");
    case "AZURE_TABLE":
      return text(config.tableName) || "MarketplaceLeads";
    case "EMAIL":
      return Array.isArray(config.recipients) ? config.recipients.join("; ") : text(config.recipients);
    default:
      return "";
  }
}

const COUNTED: DeliveryStatus[] = ["DELIVERED", "ACCEPTED", "PENDING", "RETRYING", "HELD", "FAILED"];

/** Deliveries per status, skipping zeros ("12 delivered · 1 failed"). */
export function DeliveryCounts({ counts }: { counts: DestinationView["deliveryCounts"] }) {
  const t = useTranslations("destinations.counts");
  const shown = COUNTED.filter((status) => counts[status] > 0);
  if (shown.length === 0) return <span className="text-slate-500">{t("none")}</span>;
  return (
    <span className="flex flex-wrap gap-x-3 gap-y-1">
      {shown.map((status) => (
        <span key={status} className={status === "FAILED" ? "font-medium text-red-700" : status === "HELD" || status === "RETRYING" ? "text-amber-800" : "text-slate-700"}>
          {t(status, { count: counts[status] })}
        </span>
      ))}
    </span>
  );
}

/** "✓ 200 in 312 ms, 5 minutes ago": the outcome of the last "Send test lead", and whether it verified the destination. */
export function LastTest({ destination }: { destination: Pick<DestinationView, "lastTestAt" | "lastTestResult" | "verified"> }) {
  const t = useTranslations("destinations.health");
  const outcomes = useTranslations("destinations.outcome");
  const { lastTestAt, lastTestResult: result } = destination;
  if (!lastTestAt || !result) return <span className="font-medium text-slate-800">{t("lastTestNever")}</span>;
  const Icon = result.ok ? CircleCheck : CircleX;
  const status = result.httpStatus !== null ? String(result.httpStatus) : outcomes.has(result.outcome) ? outcomes(result.outcome) : result.outcome;
  return (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
      <span className={result.ok ? "inline-flex items-center gap-1 font-medium text-emerald-700" : "inline-flex items-center gap-1 font-medium text-red-700"}>
        <Icon className="size-4 shrink-0" aria-label={result.ok ? t("lastTestOk") : t("lastTestFailed")} />
        {t.rich("lastTestSummary", { status, ms: result.durationMs, when: () => <RelativeTime date={lastTestAt} /> })}
      </span>
      {destination.verified ? (
        <Badge variant="success" className="gap-1" data-testid="destination-verified">
          <BadgeCheck className="size-3.5" aria-hidden="true" />
          {t("verified")}
        </Badge>
      ) : null}
    </span>
  );
}

/** Last success, last failure with its reason, consecutive failures, failing and paused since, the last test, and counts. */
export function HealthDetails({ destination, compact = false }: { destination: DestinationView; compact?: boolean }) {
  const t = useTranslations("destinations.health");
  const format = useFormatter();
  const when = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: "medium", timeStyle: "short" }) : t("never"));
  return (
    <dl className={compact ? "grid gap-x-6 gap-y-1.5 text-xs sm:grid-cols-2" : "grid gap-x-8 gap-y-4 text-sm sm:grid-cols-2"}>
      <div>
        <dt className="text-slate-500">{t("lastSuccess")}</dt>
        <dd className="font-medium text-slate-800">{when(destination.lastSuccessAt)}</dd>
      </div>
      <div>
        <dt className="text-slate-500">{t("lastFailure")}</dt>
        <dd className="font-medium text-slate-800">{when(destination.lastFailureAt)}</dd>
        {destination.lastFailureReason ? (
          <dd className={compact ? "mt-0.5 line-clamp-2 break-words text-red-700" : "mt-1 break-words text-red-700"} data-testid="last-failure-reason">
            {destination.lastFailureReason}
          </dd>
        ) : null}
      </div>
      <div>
        <dt className="text-slate-500">{t("consecutiveFailures")}</dt>
        <dd className={destination.consecutiveFailures > 0 ? "font-medium text-red-700" : "font-medium text-slate-800"}>{destination.consecutiveFailures}</dd>
      </div>
      {destination.failingSince ? (
        <div>
          <dt className="text-slate-500">{t("failingSince")}</dt>
          <dd className="font-medium text-red-700" data-testid="failing-since" title={t("failingSinceHint")}>
            {when(destination.failingSince)}
          </dd>
        </div>
      ) : null}
      {destination.pausedAt && (destination.state === "PAUSED" || destination.state === "DISABLED") ? (
        <div>
          <dt className="text-slate-500">{destination.state === "PAUSED" ? t("pausedSince") : t("disabledSince")}</dt>
          <dd className="font-medium text-slate-800">{when(destination.pausedAt)}</dd>
        </div>
      ) : null}
      <div className="sm:col-span-2">
        <dt className="text-slate-500">{t("lastTest")}</dt>
        <dd className="mt-0.5" data-testid="last-test">
          <LastTest destination={destination} />
        </dd>
      </div>
      <div className="sm:col-span-2">
        <dt className="text-slate-500">{t("deliveries")}</dt>
        <dd className="mt-0.5">
          <DeliveryCounts counts={destination.deliveryCounts} />
        </dd>
      </div>
    </dl>
  );
}
