"use client";

import { FlaskConical, ShieldOff } from "lucide-react";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { Badge } from "~/components/ui/badge";
import { cn } from "~/lib/utils";

export const FUNNEL_STAGES = ["INITIAL", "ACTIVE", "TRIAL", "DO_NOT_CONTACT"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** Microsoft's source codes (stored in this spelling); anything else is shown verbatim. */
export const KNOWN_SOURCES = [
  "AzureMarketplace",
  "AzurePortal",
  "AppSource (SPZA)",
  "TestDrive",
] as const;
/** Microsoft's action codes plus the two seen in practice. */
export const KNOWN_ACTIONS = [
  "INS",
  "Create",
  "PLT",
  "StartTestDrive",
  "DNC",
  "FreeTrial",
  "ContactMe",
] as const;
export const CHANNELS = ["HTTPS", "API", "AZURE_TABLE", "CSV", "MANUAL"] as const;

const isKnown = <T extends string>(
  list: readonly T[],
  value: string | null | undefined,
): value is T => !!value && (list as readonly string[]).includes(value);

const STAGE_STYLES: Record<FunnelStage, string> = {
  INITIAL: "bg-sky-50 text-sky-800 ring-1 ring-inset ring-sky-200",
  ACTIVE: "bg-emerald-50 text-emerald-800 ring-1 ring-inset ring-emerald-200",
  TRIAL: "bg-violet-50 text-violet-800 ring-1 ring-inset ring-violet-200",
  DO_NOT_CONTACT: "bg-red-50 text-red-800 ring-1 ring-inset ring-red-200",
};

const STAGE_DOTS: Record<FunnelStage, string> = {
  INITIAL: "bg-sky-500",
  ACTIVE: "bg-emerald-500",
  TRIAL: "bg-violet-500",
  DO_NOT_CONTACT: "bg-red-500",
};

export function StageDot({ stage, className }: { stage: FunnelStage; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn("inline-block size-2 shrink-0 rounded-full", STAGE_DOTS[stage], className)}
    />
  );
}

/** The action a customer took, coloured by the funnel stage it puts the lead in. */
export function ActionBadge({
  action,
  stage,
  className,
}: {
  action: string | null;
  stage: FunnelStage;
  className?: string;
}) {
  const labels = useLeadLabels();
  return (
    <Badge
      className={cn("gap-1.5 whitespace-nowrap", STAGE_STYLES[stage], className)}
      title={labels.stage(stage)}
    >
      <StageDot stage={stage} />
      {labels.actionShort(action)}
    </Badge>
  );
}

export function StageBadge({ stage, className }: { stage: FunnelStage; className?: string }) {
  const labels = useLeadLabels();
  return (
    <Badge className={cn("gap-1.5 whitespace-nowrap", STAGE_STYLES[stage], className)}>
      <StageDot stage={stage} />
      {labels.stage(stage)}
    </Badge>
  );
}

export function TestBadge() {
  const t = useTranslations("leadLabels");
  return (
    <Badge variant="warning" className="gap-1 whitespace-nowrap" title={t("testHint")}>
      <FlaskConical className="size-3" aria-hidden="true" />
      {t("test")}
    </Badge>
  );
}

export function PrivacyBadge() {
  const t = useTranslations("leadLabels");
  return (
    <Badge className="gap-1 whitespace-nowrap bg-slate-800 text-white" title={t("privacyHint")}>
      <ShieldOff className="size-3" aria-hidden="true" />
      {t("privacy")}
    </Badge>
  );
}

export function useLeadLabels() {
  const t = useTranslations("leadLabels");
  return {
    stage: (stage: FunnelStage) => t(`stage.${stage}`),
    stageHint: (stage: FunnelStage) => t(`stageHint.${stage}`),
    source: (source: string | null) =>
      source === null
        ? t("noSource")
        : isKnown(KNOWN_SOURCES, source)
          ? t(`source.${source.replace(/\W/gu, "")}`)
          : source,
    sourceKnown: (source: string | null) => isKnown(KNOWN_SOURCES, source),
    actionShort: (action: string | null) =>
      action === null
        ? t("noAction")
        : isKnown(KNOWN_ACTIONS, action)
          ? t(`action.${action}`)
          : action,
    actionMeaning: (action: string | null) =>
      action === null
        ? t("actionMeaning.none")
        : isKnown(KNOWN_ACTIONS, action)
          ? t(`actionMeaning.${action}`)
          : t("actionMeaning.unknown", { code: action }),
    actionKnown: (action: string | null) => isKnown(KNOWN_ACTIONS, action),
    channel: (channel: string) => (isKnown(CHANNELS, channel) ? t(`channel.${channel}`) : channel),
  };
}

export interface LeadPerson {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  company: string | null;
  isPrivacyRedacted: boolean;
}

/** What to call a lead: the person's name, else their e-mail or company. */
export function useLeadName() {
  const t = useTranslations("leadLabels");
  return (lead: LeadPerson) => {
    const name = [lead.firstName, lead.lastName].filter(Boolean).join(" ");
    if (name) return name;
    if (lead.email) return lead.email;
    if (lead.isPrivacyRedacted)
      return lead.company ? t("redactedAt", { company: lead.company }) : t("redacted");
    return lead.company ?? t("unnamed");
  };
}

/** "3 minutes ago", with the exact time on hover. */
export function RelativeTime({ date, className }: { date: Date; className?: string }) {
  const format = useFormatter();
  const now = useNow({ updateInterval: 30_000 });
  const absolute = format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" });
  // Within a few seconds, "in 1 second" reads oddly: anything not in the past is "now".
  const relative = format.relativeTime(date < now ? date : now, now);
  return (
    <time
      dateTime={date.toISOString()}
      title={absolute}
      className={className}
      suppressHydrationWarning
    >
      {relative}
    </time>
  );
}

export function AbsoluteTime({ date, className }: { date: Date; className?: string }) {
  const format = useFormatter();
  return (
    <time dateTime={date.toISOString()} className={className}>
      {format.dateTime(date, { dateStyle: "medium", timeStyle: "short" })}
    </time>
  );
}
