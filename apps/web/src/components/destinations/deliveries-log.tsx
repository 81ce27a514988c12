"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { ChevronDown, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { NativeSelect } from "~/components/ui/input";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import { DeliveryStatusBadge, OutcomeBadge } from "./status-badges";
import type { DeliveryItem, DeliveryStatus, DestinationView } from "./types";
import { useDestinationErrorMessage } from "./use-destination-error";

const STATUSES: DeliveryStatus[] = ["FAILED", "RETRYING", "HELD", "PENDING", "DELIVERED", "ACCEPTED"];
const PAGE_SIZE = 20;

/** The destination's deliveries, newest first, with their attempts; failed ones can be replayed one by one or all at once. */
export function DeliveriesLog({ destination, canManage }: { destination: DestinationView; canManage: boolean }) {
  const t = useTranslations("destinations.deliveries");
  const status = useTranslations("destinations.deliveryStatus");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useDestinationErrorMessage();
  const [filter, setFilter] = useState<DeliveryStatus | "">("");
  const query = useInfiniteQuery(
    trpc.destinations.deliveries.infiniteQueryOptions(
      { id: destination.id, limit: PAGE_SIZE, ...(filter ? { status: filter } : {}) },
      {
        getNextPageParam: (page) => page.nextCursor,
        // Deliveries move on in the background (the worker): look again while some are on their way.
        refetchInterval: (q) =>
          q.state.data?.pages.some((page) => page.items.some((item) => item.status === "PENDING" || item.status === "RETRYING")) ? 4000 : 15_000,
      },
    ),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.destinations.pathKey() });
  // The health and counts above must agree with the log: fetch them again whenever the log was.
  const { dataUpdatedAt } = query;
  useEffect(() => {
    if (dataUpdatedAt > 0) void queryClient.invalidateQueries({ queryKey: trpc.destinations.get.queryKey({ id: destination.id }) });
  }, [dataUpdatedAt, destination.id, queryClient, trpc]);
  const replayFailed = useMutation(trpc.destinations.replayFailed.mutationOptions({ onSettled: refresh }));
  const failed = destination.deliveryCounts.FAILED;
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="grid gap-1.5">
          <label htmlFor="delivery-filter" className="text-xs font-medium text-slate-600">
            {t("filter")}
          </label>
          <NativeSelect id="delivery-filter" className="h-8 w-48" value={filter} onChange={(e) => setFilter(e.target.value as DeliveryStatus | "")}>
            <option value="">{t("all")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {status(s)}
              </option>
            ))}
          </NativeSelect>
        </div>
        {canManage && failed > 0 ? (
          <Button
            variant="secondary"
            size="sm"
            disabled={replayFailed.isPending}
            onClick={async () => {
              try {
                const result = await replayFailed.mutateAsync({ id: destination.id });
                toast.success(t("replayedAll", { queued: result.queued, held: result.held }));
              } catch (error) {
                toast.error(errorMessage(error));
              }
            }}
          >
            <RotateCcw aria-hidden="true" />
            {t("replayAll", { count: failed })}
          </Button>
        ) : null}
      </div>

      {query.isPending ? (
        <p className="text-sm text-slate-500">{t("loading")}</p>
      ) : query.isError ? (
        <p role="alert" className="text-sm text-red-700">{errorMessage(query.error)}</p>
      ) : items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500">{filter ? t("noneWithStatus") : t("none")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200" aria-label={t("title")}>
          {items.map((item) => (
            <DeliveryRow key={item.id} item={item} canManage={canManage} />
          ))}
        </ul>
      )}
      {query.hasNextPage ? (
        <div>
          <Button variant="secondary" size="sm" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? t("loading") : t("more")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function leadName(lead: DeliveryItem["lead"]): string | null {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(" ").trim();
  return name || lead.email || null;
}

function DeliveryRow({ item, canManage }: { item: DeliveryItem; canManage: boolean }) {
  const t = useTranslations("destinations.deliveries");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useDestinationErrorMessage();
  const [open, setOpen] = useState(false);
  const replay = useMutation(
    trpc.destinations.replayDelivery.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.destinations.pathKey() }) }),
  );
  const last = item.attempts[0];
  const name = leadName(item.lead);
  return (
    <li className="p-3 sm:p-4" data-testid="delivery-row">
      <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1 basis-56">
          <div className="flex flex-wrap items-center gap-2">
            <Link href={`/leads/${item.lead.id}`} className="truncate font-medium text-slate-900 hover:underline">
              {name ?? t("unnamed")}
            </Link>
            {item.lead.isTest ? <Badge>{t("test")}</Badge> : null}
            {item.lead.isPrivacyRedacted ? <Badge variant="warning">{t("privacy")}</Badge> : null}
          </div>
          <p className="mt-0.5 text-xs text-slate-500">
            {[item.lead.company, format.dateTime(item.createdAt, { dateStyle: "medium", timeStyle: "short" })].filter(Boolean).join(" · ")}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <DeliveryStatusBadge status={item.status} />
          <span className="text-xs text-slate-500">{t("attempts", { count: Math.max(item.attemptCount, item.attempts.length) })}</span>
        </div>
        <div className="flex items-center gap-1">
          {canManage && item.status === "FAILED" ? (
            <Button
              variant="secondary"
              size="sm"
              disabled={replay.isPending}
              onClick={async () => {
                try {
                  const result = await replay.mutateAsync({ deliveryId: item.id });
                  toast.success(result.status === "HELD" ? t("replayHeld") : t("replayQueued"));
                } catch (error) {
                  toast.error(errorMessage(error));
                }
              }}
            >
              <RotateCcw aria-hidden="true" />
              {t("replay")}
            </Button>
          ) : null}
          {item.attempts.length > 0 ? (
            <Button variant="ghost" size="sm" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
              {open ? t("hideAttempts") : t("showAttempts")}
              <ChevronDown aria-hidden="true" className={cn("transition-transform", open && "rotate-180")} />
            </Button>
          ) : null}
        </div>
      </div>
      {!open && (last?.error || item.lastError) && item.status !== "DELIVERED" && item.status !== "ACCEPTED" ? (
        <p className="mt-2 line-clamp-2 break-words text-xs text-red-700">{last?.error ?? item.lastError}</p>
      ) : null}
      {item.status === "RETRYING" && item.nextAttemptAt ? (
        <p className="mt-1 text-xs text-amber-800">{t("nextAttempt", { when: format.dateTime(item.nextAttemptAt, { dateStyle: "medium", timeStyle: "short" }) })}</p>
      ) : null}
      {open ? (
        <ol className="mt-3 grid gap-2" aria-label={t("attemptsTitle")}>
          {item.attempts.map((attempt) => (
            <li key={attempt.id} className="rounded-md bg-slate-50 p-3 text-xs">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <OutcomeBadge outcome={attempt.outcome} />
                <span className="text-slate-600">{format.dateTime(attempt.startedAt, { dateStyle: "medium", timeStyle: "medium" })}</span>
                <span className="font-mono text-slate-700">{attempt.httpStatus ? `HTTP ${attempt.httpStatus}` : t("noHttp")}</span>
                <span className="text-slate-600">{t("ms", { ms: attempt.durationMs })}</span>
              </div>
              {attempt.error ? <p className="mt-1.5 break-words text-red-700">{attempt.error}</p> : null}
              {attempt.responseExcerpt ? (
                <pre className="mt-1.5 max-h-32 overflow-auto whitespace-pre-wrap break-all rounded bg-white p-2 font-mono text-slate-700 ring-1 ring-slate-200">{attempt.responseExcerpt}</pre>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </li>
  );
}
