"use client";

import { useTranslations } from "next-intl";

interface TrpcLikeError {
  message?: string;
  data?: { reason?: string | null } | null;
  shape?: { data?: { reason?: string | null } };
}

/** Translates a tRPC refusal by its stable `reason`, falling back to the server's English message. */
export function useErrorMessage() {
  const t = useTranslations("errors");
  const common = useTranslations("common");
  return (error: unknown): string => {
    const e = error as TrpcLikeError;
    const reason = e?.data?.reason ?? e?.shape?.data?.reason;
    if (reason && t.has(reason)) return t(reason);
    return e?.message || common("somethingWrong");
  };
}
