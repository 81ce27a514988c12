"use client";

import { ChevronRight, FileCode2, Globe, Keyboard, Sheet, Table2, Webhook } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { ActionBadge, RelativeTime, TestBadge, useLeadLabels } from "./lead-labels";
import type { LeadDetail } from "./types";

type Touchpoint = LeadDetail["touchpoints"][number];

const CHANNEL_ICONS = {
  HTTPS: Globe,
  API: Webhook,
  AZURE_TABLE: Table2,
  CSV: Sheet,
  MANUAL: Keyboard,
} as const;

/** The raw body as text; JSON is indented so a mapping problem is easy to spot. */
export function prettyBody(raw: string): { text: string; json: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(raw), null, 2), json: true };
  } catch {
    return { text: raw, json: false };
  }
}

function extraEntries(extra: unknown): [string, string][] {
  if (!extra || typeof extra !== "object" || Array.isArray(extra)) return [];
  return Object.entries(extra as Record<string, unknown>).map(([key, value]) => [
    key,
    typeof value === "string" ? value : JSON.stringify(value),
  ]);
}

export function TouchpointTimeline({
  touchpoints,
  redacted,
}: {
  touchpoints: Touchpoint[];
  redacted: boolean;
}) {
  const t = useTranslations("leadDetail.timeline");
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <ol className="relative grid gap-6 border-l border-slate-200 pl-6" data-testid="timeline">
          {touchpoints.map((touchpoint, index) => (
            <TouchpointItem
              key={touchpoint.id}
              touchpoint={touchpoint}
              index={index}
              redacted={redacted}
            />
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}

function TouchpointItem({
  touchpoint,
  index,
  redacted,
}: {
  touchpoint: Touchpoint;
  index: number;
  redacted: boolean;
}) {
  const t = useTranslations("leadDetail.timeline");
  const labels = useLeadLabels();
  const format = useFormatter();
  const Icon = CHANNEL_ICONS[touchpoint.channel as keyof typeof CHANNEL_ICONS] ?? Globe;
  const extras = extraEntries(touchpoint.extraFields);
  const body = touchpoint.rawBody === null ? null : prettyBody(touchpoint.rawBody);
  return (
    <li className="relative" data-testid="touchpoint">
      <span className="absolute -left-[2.3rem] top-0 grid size-7 place-items-center rounded-full border border-slate-200 bg-white text-slate-500">
        <Icon className="size-3.5" aria-hidden="true" />
      </span>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
        <span className="text-sm font-medium text-slate-900">
          {format.dateTime(touchpoint.receivedAt, { dateStyle: "medium", timeStyle: "medium" })}
        </span>
        <RelativeTime date={touchpoint.receivedAt} className="text-xs text-slate-500" />
        {index === 0 ? (
          <span className="text-xs font-medium text-slate-400">{t("first")}</span>
        ) : null}
      </div>
      <div className="mt-1.5 flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <ActionBadge action={touchpoint.action} stage={touchpoint.funnelStage} />
        <span>{t("via", { channel: labels.channel(touchpoint.channel) })}</span>
        <span className="text-slate-300" aria-hidden="true">
          ·
        </span>
        <span>{labels.source(touchpoint.source)}</span>
        {touchpoint.isTest ? <TestBadge /> : null}
      </div>
      {extras.length > 0 ? (
        <dl className="mt-2 grid gap-1 rounded-md bg-slate-50 px-3 py-2 text-xs">
          <div className="font-medium text-slate-500">{t("extra")}</div>
          {extras.map(([key, value]) => (
            <div key={key} className="flex min-w-0 gap-2">
              <dt className="shrink-0 font-mono text-slate-500">{key}</dt>
              <dd className="min-w-0 break-words text-slate-800">{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {body ? (
        <details className="group mt-2 rounded-md border border-slate-200">
          <summary className="flex cursor-pointer select-none items-center gap-1.5 px-3 py-1.5 text-xs font-medium text-slate-600 hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
            <ChevronRight
              className="size-3.5 transition-transform group-open:rotate-90"
              aria-hidden="true"
            />
            <FileCode2 className="size-3.5" aria-hidden="true" />
            {t("rawBody")}
            <span className="font-normal text-slate-400">{body.json ? "JSON" : t("text")}</span>
          </summary>
          <pre
            className="max-h-96 overflow-auto whitespace-pre-wrap break-all border-t border-slate-200 bg-slate-950 p-3 font-mono text-xs leading-relaxed text-slate-100"
            data-testid="raw-body"
          >
            {body.text}
          </pre>
        </details>
      ) : (
        <p className="mt-2 text-xs text-slate-400">
          {redacted
            ? t("noBodyRedacted")
            : touchpoint.channel === "MANUAL"
              ? t("noBodyManual")
              : t("noBody")}
        </p>
      )}
    </li>
  );
}
