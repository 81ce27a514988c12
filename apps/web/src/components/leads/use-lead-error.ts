"use client";

import { useTranslations } from "next-intl";
import { useErrorMessage } from "~/lib/use-error-message";

/** The inbox's own refusals in the user's language; anything else as the app translates it. */
export function useLeadErrorMessage() {
  const t = useTranslations("leadErrors");
  const fallback = useErrorMessage();
  return (error: unknown): string => {
    const reason = (error as { data?: { reason?: string | null } | null } | null)?.data?.reason;
    if (reason && t.has(reason)) return t(reason);
    // Input validation answers with the zod issues as JSON: show their messages, not the JSON.
    const message = (error as { message?: string } | null)?.message;
    if (message?.startsWith("[")) {
      try {
        const issues = JSON.parse(message) as { message?: string }[];
        const texts = issues.map((issue) => issue.message).filter(Boolean);
        if (texts.length > 0) return texts.join(" ");
      } catch {
        // not JSON after all
      }
    }
    return fallback(error);
  };
}

/** The reason code of a tRPC refusal, if any. */
export function errorReason(error: unknown): string | null {
  return (error as { data?: { reason?: string | null } | null } | null)?.data?.reason ?? null;
}
