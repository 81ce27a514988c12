"use client";

import { NONE_SERIES, OTHER_SERIES } from "@leadrelay/leads";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { cn } from "~/lib/utils";
import type { Dashboard } from "./insights-dashboard";

const PALETTE = ["#2f5bd3", "#10b981", "#f59e0b", "#8b5cf6", "#ef4444", "#06b6d4", "#94a3b8"];
const AXIS = { fontSize: 12, fill: "#64748b" };

type Dimension = "bySource" | "byAction" | "byFunnelStage";

function useSeriesName() {
  const t = useTranslations("insights");
  return (dimension: Dimension, key: string) => {
    if (key === NONE_SERIES) return t("none");
    if (key === OTHER_SERIES) return t("other");
    if (dimension === "byFunnelStage" && t.has(`funnelStages.${key}`)) return t(`funnelStages.${key}`);
    return key;
  };
}

/** New leads per day, week or month, stacked by source, action or funnel stage. */
export function LeadsOverTimeChart({ data }: { data: Dashboard }) {
  const t = useTranslations("insights");
  const format = useFormatter();
  const seriesName = useSeriesName();
  const [dimension, setDimension] = useState<Dimension>("bySource");
  const series = data.leadsOverTime[dimension];
  const bucketLabel = (key: string) => {
    const date = new Date(`${key}T00:00:00Z`);
    return data.range.bucket === "month"
      ? format.dateTime(date, { month: "short", year: "2-digit", timeZone: "UTC" })
      : format.dateTime(date, { month: "short", day: "numeric", timeZone: "UTC" });
  };
  return (
    <div className="grid gap-3">
      <div className="flex gap-1" role="group" aria-label={t("groupBy")}>
        {(["bySource", "byAction", "byFunnelStage"] as const).map((d) => (
          <button
            key={d}
            type="button"
            aria-pressed={dimension === d}
            onClick={() => setDimension(d)}
            className={cn(
              "rounded-md px-3 py-1 text-xs font-medium",
              dimension === d ? "bg-slate-900 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200",
            )}
          >
            {t(`dimensions.${d}`)}
          </button>
        ))}
      </div>
      <div className="h-72" data-testid="chart-leads-over-time">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={series.rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="bucket" tickFormatter={bucketLabel} tick={AXIS} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} minTickGap={12} />
            <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
            <Tooltip labelFormatter={(label) => bucketLabel(String(label))} cursor={{ fill: "#f1f5f9" }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.keys.map((key, i) => (
              <Bar key={key} dataKey={key} name={seriesName(dimension, key)} stackId="leads" fill={PALETTE[i % PALETTE.length]} maxBarSize={48} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      {series.keys.length === 0 ? <p className="text-center text-sm text-slate-500">{t("noLeads")}</p> : null}
    </div>
  );
}

/** How many leads reached each stage, and the share that went on from the previous one. */
export function FunnelChart({ data }: { data: Dashboard }) {
  const format = useFormatter();
  const rows = data.funnel.map((step) => ({
    name: step.name,
    reached: step.reached,
    label: `${format.number(step.reached)}${step.conversionFromPrevious === null ? "" : ` · ${format.number(step.conversionFromPrevious, { style: "percent", maximumFractionDigits: 0 })}`}`,
    won: step.kind === "WON",
  }));
  return (
    <div style={{ height: Math.max(160, rows.length * 48) }} data-testid="chart-funnel">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 80, bottom: 0, left: 8 }}>
          <XAxis type="number" hide allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={110} tick={AXIS} tickLine={false} axisLine={false} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} />
          <Bar dataKey="reached" radius={[0, 4, 4, 0]} isAnimationActive={false} maxBarSize={28}>
            {rows.map((row) => (
              <Cell key={row.name} fill={row.won ? "#10b981" : "#2f5bd3"} />
            ))}
            <LabelList dataKey="label" position="right" style={{ fontSize: 12, fill: "#334155" }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Leads by follow-up count, the 5–12 range shaded. */
export function FollowUpsChart({ data }: { data: Dashboard }) {
  const t = useTranslations("insights");
  const { min, max } = data.followUpRange;
  return (
    <div className="h-64" data-testid="chart-follow-ups">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data.followUpsPerLead} margin={{ top: 16, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <ReferenceArea x1={String(min)} x2={String(max)} fill="#d1fae5" fillOpacity={0.6} label={{ value: t("targetRange", { min, max }), position: "insideTop", fontSize: 11, fill: "#047857" }} />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} />
          <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} formatter={(value) => [value, t("leadsLabel")]} labelFormatter={(label) => t("followUpsLabel", { count: String(label) })} />
          <Bar dataKey="leads" isAnimationActive={false} maxBarSize={32}>
            {data.followUpsPerLead.map((b) => (
              <Cell key={b.label} fill={b.inRange ? "#10b981" : b.count > max ? "#f59e0b" : "#94a3b8"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Deliveries per destination: succeeded, failed, still going. */
export function DeliveryChart({ data }: { data: Dashboard }) {
  const t = useTranslations("insights");
  return (
    <div style={{ height: Math.max(120, data.destinations.length * 44 + 40) }} data-testid="chart-deliveries">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data.destinations} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
          <XAxis type="number" allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
          <YAxis type="category" dataKey="name" width={130} tick={AXIS} tickLine={false} axisLine={false} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="succeeded" name={t("succeeded")} stackId="d" fill="#10b981" isAnimationActive={false} maxBarSize={24} />
          <Bar dataKey="failed" name={t("failed")} stackId="d" fill="#ef4444" isAnimationActive={false} maxBarSize={24} />
          <Bar dataKey="inFlight" name={t("inFlight")} stackId="d" fill="#f59e0b" isAnimationActive={false} maxBarSize={24} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
