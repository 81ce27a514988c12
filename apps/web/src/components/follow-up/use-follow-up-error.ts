"use client";

import { useTranslations } from "next-intl";
import { useErrorMessage } from "~/lib/use-error-message";

/** Follow-up refusals in the user's language (by their stable reason), else the app-wide translation or the server's message. */
export function useFollowUpError() {
  const t = useTranslations("followUpErrors");
  const fallback = useErrorMessage();
  return (error: unknown): string => {
    const e = error as { data?: { reason?: string | null } | null; shape?: { data?: { reason?: string | null } } };
    const reason = e?.data?.reason ?? e?.shape?.data?.reason;
    if (reason && t.has(reason)) return t(reason);
    return fallback(error);
  };
}
