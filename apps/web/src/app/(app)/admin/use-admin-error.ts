"use client";

import { useTranslations } from "next-intl";
import { useErrorMessage } from "~/lib/use-error-message";

/** The console's own refusals first (adminConsole.errors), then the shared ones. */
export function useAdminErrorMessage() {
  const t = useTranslations("adminConsole.errors");
  const fallback = useErrorMessage();
  return (error: unknown): string => {
    const reason = (error as { data?: { reason?: string | null } } | null)?.data?.reason;
    if (reason && t.has(reason)) return t(reason);
    return fallback(error);
  };
}
