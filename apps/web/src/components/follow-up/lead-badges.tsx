"use client";

import { FOLLOW_UP_RANGE, type FollowUpFlag, type FollowUpRangeStatus } from "@leadrelay/leads";
import { useTranslations } from "next-intl";
import { Badge } from "~/components/ui/badge";
import { cn } from "~/lib/utils";

const FLAG_VARIANT: Record<FollowUpFlag, "danger" | "warning" | "brand" | "default"> = {
  do_not_contact: "danger",
  overdue: "danger",
  due_today: "brand",
  nurture_due: "brand",
  uncontacted: "warning",
  silent: "warning",
  below_range: "default",
  above_range: "warning",
};

export function FlagBadges({ flags, className, only }: { flags: FollowUpFlag[]; className?: string; only?: FollowUpFlag[] }) {
  const t = useTranslations("followUp.flags");
  const shown = only ? flags.filter((f) => only.includes(f)) : flags;
  if (shown.length === 0) return null;
  return (
    <span className={cn("flex flex-wrap gap-1", className)}>
      {shown.map((flag) => (
        <Badge key={flag} variant={FLAG_VARIANT[flag]} title={t(`${flag}Hint`)}>
          {t(flag)}
        </Badge>
      ))}
    </span>
  );
}

const RANGE_COLOR: Record<FollowUpRangeStatus, string> = {
  none: "bg-slate-300",
  below: "bg-amber-400",
  within: "bg-emerald-500",
  above: "bg-red-400",
};

/**
 * The lead's follow-up count against Microsoft's 5–12: a bar of 12 steps, the range
 * shaded, filled up to the count.
 */
export function RangeMeter({ count, status, compact = false }: { count: number; status: FollowUpRangeStatus; compact?: boolean }) {
  const t = useTranslations("followUp.range");
  const steps = FOLLOW_UP_RANGE.max;
  const label = t("label", { count, min: FOLLOW_UP_RANGE.min, max: FOLLOW_UP_RANGE.max });
  return (
    <div className="grid gap-1" title={label}>
      <div role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={steps} aria-valuenow={Math.min(count, steps)} className="flex gap-0.5">
        {Array.from({ length: steps }, (_, i) => {
          const step = i + 1;
          const inRange = step >= FOLLOW_UP_RANGE.min;
          return (
            <span
              key={step}
              className={cn(
                compact ? "h-1.5 w-1.5" : "h-2 w-3",
                "rounded-sm",
                step <= count ? RANGE_COLOR[status] : inRange ? "bg-emerald-100" : "bg-slate-100",
              )}
            />
          );
        })}
      </div>
      {compact ? null : (
        <span className="text-xs text-slate-500">
          {t(status, { count, min: FOLLOW_UP_RANGE.min, max: FOLLOW_UP_RANGE.max })}
        </span>
      )}
    </div>
  );
}

export function initials(person: { name: string | null; email: string | null } | null): string {
  if (!person) return "–";
  return (person.name ?? person.email ?? "?")
    .split(/[\s@.]+/)
    .filter(Boolean)
    .map((w) => w[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
}

export function OwnerAvatar({ owner }: { owner: { name: string | null; email: string | null } | null }) {
  const t = useTranslations("followUp");
  const label = owner ? (owner.name ?? owner.email ?? "") : t("unassigned");
  return (
    <span
      title={label}
      aria-label={label}
      className={cn(
        "grid size-6 shrink-0 place-items-center rounded-full text-[10px] font-semibold",
        owner ? "bg-slate-800 text-white" : "border border-dashed border-slate-300 text-slate-400",
      )}
    >
      {initials(owner)}
    </span>
  );
}
