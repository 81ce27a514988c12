"use client";

import { useTranslations } from "next-intl";
import { Fragment } from "react";
import { Badge } from "~/components/ui/badge";

export const FEEDBACK_CATEGORIES = ["LEAD_QUALITY", "MISSING_DATA", "WRONG_DATA", "DESTINATION_PROBLEM", "FEATURE_REQUEST", "OTHER"] as const;
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];
export const FEEDBACK_STATUSES = ["NEW", "IN_REVIEW", "ANSWERED", "CLOSED"] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

const statusVariant = { NEW: "brand", IN_REVIEW: "warning", ANSWERED: "success", CLOSED: "default" } as const;

/** Publishers see "Sent" where staff see "New": each side reads the status from its own point of view. */
export function FeedbackStatusBadge({ status, forStaff = false }: { status: FeedbackStatus; forStaff?: boolean }) {
  const publisherLabels = useTranslations("feedback.status");
  const staffLabels = useTranslations("adminConsole.feedbackStatus");
  return <Badge variant={statusVariant[status]}>{(forStaff ? staffLabels : publisherLabels)(status)}</Badge>;
}

/** "3/5 · Neutral", for lists. */
export function SatisfactionLabel({ value }: { value: number | null }) {
  const t = useTranslations("feedback");
  if (value === null) return null;
  return (
    <span className="whitespace-nowrap" title={t("satisfactionLabel")}>
      {t("satisfactionValue", { value })} · {t(`satisfaction.${value as 1 | 2 | 3 | 4 | 5}`)}
    </span>
  );
}

/** Messages are plain text: React escapes them; line breaks and indentation are kept. */
export function PlainText({ text, className }: { text: string; className?: string }) {
  return <p className={`whitespace-pre-wrap break-words text-sm text-slate-800 ${className ?? ""}`}>{text}</p>;
}

/** Short facts in a row, separated by middle dots; empty ones are left out. */
export function MetaLine({ items, className }: { items: React.ReactNode[]; className?: string }) {
  const present = items.filter((item) => item !== null && item !== undefined && item !== false && item !== "");
  return (
    <p className={`text-xs text-slate-500 ${className ?? ""}`}>
      {present.map((item, i) => (
        <Fragment key={i}>
          {i > 0 ? <span aria-hidden="true"> · </span> : null}
          {item}
        </Fragment>
      ))}
    </p>
  );
}
