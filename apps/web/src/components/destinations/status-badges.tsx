"use client";

import { useTranslations } from "next-intl";
import { Badge } from "~/components/ui/badge";
import type { DeliveryStatus, DestinationState } from "./types";

type Variant = "default" | "brand" | "success" | "warning" | "danger";

const STATE_VARIANT: Record<DestinationState, Variant> = {
  ACTIVE: "success",
  FAILING: "danger",
  PAUSED: "warning",
  DISABLED: "default",
};

const STATUS_VARIANT: Record<DeliveryStatus, Variant> = {
  PENDING: "default",
  DELIVERED: "success",
  ACCEPTED: "brand",
  RETRYING: "warning",
  FAILED: "danger",
  HELD: "warning",
};

const OUTCOME_VARIANT: Record<string, Variant> = {
  delivered: "success",
  accepted: "brand",
  retryable: "warning",
  permanent_failure: "danger",
  auth_invalid: "danger",
  in_progress: "default",
  interrupted: "warning",
};

/** Active, failing, paused or disabled. */
export function DestinationStateBadge({ state }: { state: DestinationState }) {
  const t = useTranslations("destinations.state");
  return (
    <Badge variant={STATE_VARIANT[state]} data-testid="destination-state">
      {t(state)}
    </Badge>
  );
}

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const t = useTranslations("destinations.deliveryStatus");
  return <Badge variant={STATUS_VARIANT[status]}>{t(status)}</Badge>;
}

/** What one attempt (or a test lead) came to: `delivered`, `accepted`, `retryable`, … */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  const t = useTranslations("destinations.outcome");
  return <Badge variant={OUTCOME_VARIANT[outcome] ?? "default"}>{t.has(outcome) ? t(outcome) : outcome}</Badge>;
}
