"use client";

import { useTranslations } from "next-intl";
import { useErrorMessage } from "~/lib/use-error-message";

/** Our own refusals first (feedback.errors), then the shared ones. */
export function useFeedbackErrorMessage() {
  const t = useTranslations("feedback.errors");
  const fallback = useErrorMessage();
  return (error: unknown): string => {
    const reason = (error as { data?: { reason?: string | null } } | null)?.data?.reason;
    if (reason && t.has(reason)) return t(reason);
    return fallback(error);
  };
}
