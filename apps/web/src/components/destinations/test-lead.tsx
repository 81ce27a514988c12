"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import { OutcomeBadge } from "./status-badges";
import type { TestLeadResult } from "./types";
import { useDestinationErrorMessage } from "./use-destination-error";

export interface TestLeadRun {
  result: TestLeadResult | null;
  /** A refusal before anything was sent (no permission, destination gone, …). */
  error: string | null;
  at: Date;
}

/** Sends Microsoft's kind of test lead (`MSFT_TEST_<ticks>`) through the real adapter and keeps what came back. */
export function useSendTestLead(destinationId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useDestinationErrorMessage();
  const [run, setRun] = useState<TestLeadRun | null>(null);
  const mutation = useMutation(
    trpc.destinations.sendTestLead.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.destinations.pathKey() }),
    }),
  );
  const send = async () => {
    setRun(null);
    try {
      const result = await mutation.mutateAsync({ id: destinationId });
      setRun({ result, error: null, at: new Date() });
    } catch (error) {
      setRun({ result: null, error: errorMessage(error), at: new Date() });
    }
  };
  return { send, run, pending: mutation.isPending, clear: () => setRun(null) };
}

export function SendTestLeadButton({ onClick, pending, size = "default", variant = "default" }: { onClick: () => void; pending: boolean; size?: "default" | "sm"; variant?: "default" | "secondary" }) {
  const t = useTranslations("destinations.test");
  return (
    <Button type="button" size={size} variant={variant} onClick={onClick} disabled={pending}>
      <Send aria-hidden="true" />
      {pending ? t("sending") : t("send")}
    </Button>
  );
}

/** Status, HTTP status, response excerpt and time taken of one test lead, shown right away. */
export function TestLeadOutcome({ run, onDismiss, className }: { run: TestLeadRun; onDismiss?: () => void; className?: string }) {
  const t = useTranslations("destinations.test");
  const format = useFormatter();
  const { result } = run;
  if (!result) {
    return (
      <div role="alert" data-testid="test-lead-error" className={cn("rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800", className)}>
        {run.error}
      </div>
    );
  }
  return (
    <section
      role="status"
      aria-label={t("resultTitle")}
      data-testid="test-lead-result"
      className={cn("grid gap-3 rounded-lg border p-4 text-sm", result.ok ? "border-emerald-200 bg-emerald-50/60" : "border-red-200 bg-red-50/60", className)}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
          {t("resultTitle")}
          <OutcomeBadge outcome={result.outcome} />
        </p>
        <p className="text-xs text-slate-500">{format.dateTime(run.at, { timeStyle: "medium" })}</p>
      </div>
      <p className="text-slate-700">{t(`explain.${result.outcome}`)}</p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <div>
          <dt className="text-xs text-slate-500">{t("httpStatus")}</dt>
          <dd className="font-mono font-medium" data-testid="test-lead-http-status">{result.httpStatus ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t("timeTaken")}</dt>
          <dd className="font-medium">{t("ms", { ms: result.durationMs })}</dd>
        </div>
        {result.externalId ? (
          <div className="col-span-2 sm:col-span-1">
            <dt className="text-xs text-slate-500">{t("externalId")}</dt>
            <dd className="truncate font-mono text-xs" title={result.externalId}>{result.externalId}</dd>
          </div>
        ) : null}
      </dl>
      {result.message ? (
        <div>
          <p className="text-xs text-slate-500">{result.ok ? t("note") : t("reason")}</p>
          {/* The only accepted-but-unconfirmed receiver is Salesforce Web-to-Lead: its note is in the messages. */}
          <p className="mt-0.5 break-words text-slate-800">{result.outcome === "accepted" ? t("acceptedNote") : result.message}</p>
        </div>
      ) : null}
      {result.responseExcerpt ? (
        <div>
          <p className="text-xs text-slate-500">{t("response")}</p>
          <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded-md bg-white/80 p-2 font-mono text-xs text-slate-700 ring-1 ring-slate-200">{result.responseExcerpt}</pre>
        </div>
      ) : null}
      {result.ok && result.testLeadToken ? (
        <p className="text-xs text-slate-600">{t("findIt", { token: result.testLeadToken })}</p>
      ) : null}
      {onDismiss ? (
        <div>
          <Button type="button" variant="ghost" size="sm" onClick={onDismiss}>
            {t("dismiss")}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
