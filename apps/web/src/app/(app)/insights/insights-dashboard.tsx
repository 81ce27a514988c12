"use client";

import type { RouterOutputs } from "@leadrelay/api";
import { daysInRange, localDateKey, MAX_INSIGHTS_RANGE_DAYS, parseDateKey, shiftDateKey } from "@leadrelay/leads";
import { useSuspenseQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useFormatter, useTimeZone, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Input, Label, NativeSelect } from "~/components/ui/input";
import { Table, Td, Th } from "~/components/ui/table";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import { dashboardInput } from "./dashboard-input";

export type Dashboard = RouterOutputs["insights"]["dashboard"];

// Recharts is large: the charts load after the page, in their own chunk.
const chartLoading = () => <div className="h-64 animate-pulse rounded-lg bg-slate-100" />;
const LeadsOverTimeChart = dynamic(() => import("./insights-charts").then((m) => m.LeadsOverTimeChart), { ssr: false, loading: chartLoading });
const FunnelChart = dynamic(() => import("./insights-charts").then((m) => m.FunnelChart), { ssr: false, loading: chartLoading });
const FollowUpsChart = dynamic(() => import("./insights-charts").then((m) => m.FollowUpsChart), { ssr: false, loading: chartLoading });
const DeliveryChart = dynamic(() => import("./insights-charts").then((m) => m.DeliveryChart), { ssr: false, loading: chartLoading });

const PRESETS = [7, 30, 90, 365] as const;

/** "45 min", "3.5 h", "2.1 d" from seconds. */
export function useDuration() {
  const format = useFormatter();
  return (seconds: number | null): string => {
    if (seconds === null) return "—";
    if (seconds < 3600) return format.number(seconds / 60, { style: "unit", unit: "minute", maximumFractionDigits: 0 });
    if (seconds < 48 * 3600) return format.number(seconds / 3600, { style: "unit", unit: "hour", maximumFractionDigits: 1 });
    return format.number(seconds / 86400, { style: "unit", unit: "day", maximumFractionDigits: 1 });
  };
}

export function InsightsDashboard({ initialFrom, initialTo }: { initialFrom: string; initialTo: string }) {
  const t = useTranslations("insights");
  const trpc = useTRPC();
  const timeZone = useTimeZone() ?? "UTC";
  // What the inputs say, and the last valid range the dashboard shows (an incomplete date never reaches the server).
  const [filters, setFiltersNow] = useState({ from: initialFrom, to: initialTo, offerId: "" });
  const [applied, setApplied] = useState(filters);
  const [refreshing, startTransition] = useTransition();
  const isValid = (f: typeof filters) =>
    !!parseDateKey(f.from) && !!parseDateKey(f.to) && daysInRange(f.from, f.to) >= 1 && daysInRange(f.from, f.to) <= MAX_INSIGHTS_RANGE_DAYS;
  const valid = isValid(filters);
  const setFilters = (update: (f: typeof filters) => typeof filters) => {
    const next = update(filters);
    setFiltersNow(next);
    // A transition keeps the current charts on screen while the next numbers load (Suspense, not a spinner).
    if (isValid(next)) startTransition(() => setApplied(next));
  };
  const { data: offers } = useSuspenseQuery(trpc.insights.offers.queryOptions());
  const { data: dashboard } = useSuspenseQuery(trpc.insights.dashboard.queryOptions(dashboardInput(applied, timeZone)));
  const today = localDateKey(new Date(), timeZone);
  const activePreset = filters.to === today ? PRESETS.find((d) => shiftDateKey(today, -(d - 1)) === filters.from) : undefined;

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end gap-3" role="group" aria-label={t("filters")}>
        <div className="flex gap-1" role="group" aria-label={t("presets")}>
          {PRESETS.map((days) => (
            <button
              key={days}
              type="button"
              aria-pressed={activePreset === days}
              onClick={() => setFilters((f) => ({ ...f, from: shiftDateKey(today, -(days - 1)), to: today }))}
              className={cn(
                "h-9 rounded-md border px-3 text-sm font-medium",
                activePreset === days ? "border-brand-500 bg-brand-50 text-brand-700" : "border-slate-200 bg-white text-slate-700 hover:bg-slate-50",
              )}
            >
              {t("lastDays", { days })}
            </button>
          ))}
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="insights-from">{t("from")}</Label>
          <Input id="insights-from" type="date" className="w-40" value={filters.from} max={filters.to} onChange={(e) => setFilters((f) => ({ ...f, from: e.target.value }))} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="insights-to">{t("to")}</Label>
          <Input id="insights-to" type="date" className="w-40" value={filters.to} min={filters.from} onChange={(e) => setFilters((f) => ({ ...f, to: e.target.value }))} />
        </div>
        <div className="grid w-60 gap-1.5">
          <Label htmlFor="insights-offer">{t("offer")}</Label>
          <NativeSelect id="insights-offer" value={filters.offerId} onChange={(e) => setFilters((f) => ({ ...f, offerId: e.target.value }))}>
            <option value="">{t("allOffers")}</option>
            {offers.map((o) => (
              <option key={o.id} value={o.id}>{o.title}</option>
            ))}
          </NativeSelect>
        </div>
        <p className="pb-2 text-xs text-slate-500">{t("testExcluded", { zone: timeZone })}</p>
      </div>
      {!valid ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("invalidRange")}</p>
      ) : null}

      <DashboardBody data={dashboard} refreshing={refreshing} />
    </div>
  );
}

function DashboardBody({ data, refreshing }: { data: Dashboard; refreshing: boolean }) {
  const t = useTranslations("insights");
  const format = useFormatter();
  const duration = useDuration();
  const pct = (n: number, of: number) => (of > 0 ? format.number(n / of, { style: "percent", maximumFractionDigits: 0 }) : "—");
  const { totals } = data;
  const contactable = totals.leads - totals.doNotContact;
  const kpis = [
    { key: "leads", value: format.number(totals.leads), hint: t("kpiHints.leads", { dnc: totals.doNotContact }) },
    {
      key: "firstContact",
      value: duration(totals.medianFirstContactSeconds),
      hint: totals.contacted > 0 ? t("kpiHints.firstContact", { share: pct(totals.contactedWithinTarget, totals.contacted), hours: data.firstContactTargetHours }) : t("kpiHints.noneContacted"),
    },
    { key: "contacted", value: pct(totals.contacted, contactable), hint: t("kpiHints.contacted", { count: totals.contacted }) },
    {
      key: "followUps",
      value: totals.averageFollowUps === null ? "—" : format.number(totals.averageFollowUps, { maximumFractionDigits: 1 }),
      hint: t("kpiHints.followUps", { share: pct(totals.withinRange, contactable), min: data.followUpRange.min, max: data.followUpRange.max }),
    },
    { key: "overdue", value: format.number(totals.overdue), hint: t("kpiHints.overdue", { silent: totals.silent }), alert: totals.overdue > 0 },
    { key: "qualified", value: format.number(totals.qualified), hint: t("kpiHints.qualified", { share: pct(totals.qualified, totals.leads) }) },
    { key: "won", value: format.number(totals.won), hint: t("kpiHints.won", { share: pct(totals.won, totals.leads) }) },
  ] as const;

  return (
    <div className={cn("grid min-w-0 gap-6 transition-opacity [&>*]:min-w-0", refreshing && "opacity-70")} aria-busy={refreshing}>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 2xl:grid-cols-7">
        {kpis.map((kpi) => (
          <div key={kpi.key} className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid={`kpi-${kpi.key}`}>
            <dt className="hyphens-auto break-words text-xs font-medium text-slate-500">{t(`kpis.${kpi.key}`)}</dt>
            <dd className={cn("mt-1 text-2xl font-semibold tabular-nums", "alert" in kpi && kpi.alert ? "text-red-700" : "text-slate-900")}>{kpi.value}</dd>
            <dd className="mt-1 hyphens-auto break-words text-xs text-slate-500">{kpi.hint}</dd>
          </div>
        ))}
      </dl>

      <Card>
        <CardHeader>
          <CardTitle>{t("leadsOverTime")}</CardTitle>
          <CardDescription>{t("leadsOverTimeDescription", { bucket: t(`buckets.${data.range.bucket}`) })}</CardDescription>
        </CardHeader>
        <CardContent>
          <LeadsOverTimeChart data={data} />
        </CardContent>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <Card>
          <CardHeader>
            <CardTitle>{t("funnel")}</CardTitle>
            <CardDescription>{t("funnelDescription")}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3">
            <FunnelChart data={data} />
            {data.sideStages.length > 0 ? (
              <p className="text-xs text-slate-500">
                {data.sideStages.map((s) => `${s.name}: ${format.number(s.reached)}`).join(" · ")}
              </p>
            ) : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("followUpsPerLead")}</CardTitle>
            <CardDescription>{t("followUpsPerLeadDescription", { min: data.followUpRange.min, max: data.followUpRange.max })}</CardDescription>
          </CardHeader>
          <CardContent>
            <FollowUpsChart data={data} />
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t("deliveries")}</CardTitle>
          <CardDescription>{t("deliveriesDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {data.destinations.length === 0 ? (
            <p className="text-sm text-slate-500">{t("noDeliveries")}</p>
          ) : (
            <>
              <DeliveryChart data={data} />
              <Table>
                <thead>
                  <tr>
                    <Th>{t("destination")}</Th>
                    <Th className="text-right">{t("succeeded")}</Th>
                    <Th className="text-right">{t("failed")}</Th>
                    <Th className="text-right">{t("inFlight")}</Th>
                    <Th className="text-right">{t("successRate")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {data.destinations.map((d) => (
                    <tr key={d.destinationId}>
                      <Td>
                        <span className="font-medium">{d.name}</span> <span className="text-xs text-slate-500">{d.kind}</span>
                      </Td>
                      <Td className="text-right tabular-nums">{format.number(d.succeeded)}</Td>
                      <Td className={cn("text-right tabular-nums", d.failed > 0 && "text-red-700")}>{format.number(d.failed)}</Td>
                      <Td className="text-right tabular-nums">{format.number(d.inFlight)}</Td>
                      <Td className="text-right tabular-nums">{d.successRate === null ? "—" : format.number(d.successRate, { style: "percent", maximumFractionDigits: 1 })}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("owners")}</CardTitle>
          <CardDescription>{t("ownersDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="px-0">
          <Table>
            <thead>
              <tr>
                <Th className="whitespace-nowrap pl-6">{t("owner")}</Th>
                <Th className="text-right">{t("ownerLeads")}</Th>
                <Th className="text-right">{t("ownerContacted")}</Th>
                <Th className="text-right">{t("ownerFirstContact")}</Th>
                <Th className="text-right">{t("ownerFollowUps")}</Th>
                <Th className="whitespace-nowrap text-right">{t("ownerInRange")}</Th>
                <Th className="text-right">{t("ownerOverdue")}</Th>
                <Th className="text-right">{t("ownerQualified")}</Th>
                <Th className="pr-6 text-right">{t("ownerWon")}</Th>
              </tr>
            </thead>
            <tbody>
              {data.owners.length === 0 ? (
                <tr>
                  <Td colSpan={9} className="py-8 text-center text-slate-500">{t("noLeads")}</Td>
                </tr>
              ) : (
                data.owners.map((o) => (
                  <tr key={o.ownerId ?? "unassigned"}>
                    <Td className="pl-6 font-medium">{o.owner ? (o.owner.name ?? o.owner.email ?? t("formerMember")) : t("unassigned")}</Td>
                    <Td className="text-right tabular-nums">{format.number(o.leads)}</Td>
                    <Td className="text-right tabular-nums">{pct(o.contacted, o.leads)}</Td>
                    <Td className="text-right tabular-nums">{duration(o.medianFirstContactSeconds)}</Td>
                    <Td className="text-right tabular-nums">{o.leads > 0 ? format.number(o.followUps / o.leads, { maximumFractionDigits: 1 }) : "—"}</Td>
                    <Td className="text-right tabular-nums">{pct(o.withinRange, o.leads)}</Td>
                    <Td className={cn("text-right tabular-nums", o.overdue > 0 && "text-red-700")}>{format.number(o.overdue)}</Td>
                    <Td className="text-right tabular-nums">{format.number(o.qualified)}</Td>
                    <Td className="pr-6 text-right tabular-nums">{format.number(o.won)}</Td>
                  </tr>
                ))
              )}
            </tbody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}
