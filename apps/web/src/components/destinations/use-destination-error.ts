"use client";

import { useTranslations } from "next-intl";
import { useErrorMessage } from "~/lib/use-error-message";

interface TrpcLikeError {
  data?: { reason?: string | null; fieldErrors?: Record<string, string[] | undefined> | null } | null;
}

/** Refusals of the offers, capture URL and destination procedures first, then the shared ones. */
export function useDestinationErrorMessage() {
  const t = useTranslations("destinations.errors");
  const fallback = useErrorMessage();
  return (error: unknown): string => {
    const reason = (error as TrpcLikeError | null)?.data?.reason;
    if (reason && t.has(reason)) return t(reason);
    return fallback(error);
  };
}

/** The server's per-field messages (`data.fieldErrors`), first message per field. */
export function serverFieldErrors(error: unknown): Record<string, string> {
  const fieldErrors = (error as TrpcLikeError | null)?.data?.fieldErrors;
  if (!fieldErrors) return {};
  const result: Record<string, string> = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    const first = messages?.find((message) => message.trim() !== "");
    if (first) result[field] = first;
  }
  return result;
}
