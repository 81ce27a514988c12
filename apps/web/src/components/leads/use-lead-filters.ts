"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { FUNNEL_STAGES, type FunnelStage } from "./lead-labels";

export type LeadSort = "lastReceivedAt" | "createdAt";
export type SortDirection = "asc" | "desc";

/** The inbox's filters as they live in the URL (so a filtered view can be shared). */
export interface LeadFilters {
  q: string;
  /** An offer's id, `none` for leads tied to no offer, or "" for every offer. */
  offer: string;
  source: string;
  action: string;
  stage: FunnelStage | "";
  /** `me`, `unassigned`, a member's user id, or "" for everyone. */
  owner: string;
  /** A pipeline stage's id, or "" for every stage. */
  pipeline: string;
  /** YYYY-MM-DD, inclusive, in UTC (the app shows times in UTC). */
  from: string;
  to: string;
  test: boolean;
  sort: LeadSort;
  dir: SortDirection;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/u;

export const EMPTY_FILTERS: LeadFilters = {
  q: "",
  offer: "",
  source: "",
  action: "",
  stage: "",
  owner: "",
  pipeline: "",
  from: "",
  to: "",
  test: false,
  sort: "lastReceivedAt",
  dir: "desc",
};

export function parseLeadFilters(params: URLSearchParams): LeadFilters {
  const stage = params.get("stage") ?? "";
  const sort = params.get("sort");
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  return {
    q: params.get("q")?.slice(0, 200) ?? "",
    offer: params.get("offer") ?? "",
    source: params.get("source") ?? "",
    action: params.get("action") ?? "",
    stage: (FUNNEL_STAGES as readonly string[]).includes(stage) ? (stage as FunnelStage) : "",
    owner: params.get("owner")?.slice(0, 64) ?? "",
    pipeline: params.get("pipeline")?.slice(0, 64) ?? "",
    from: DATE.test(from) ? from : "",
    to: DATE.test(to) ? to : "",
    test: params.get("test") === "1",
    sort: sort === "createdAt" ? "createdAt" : "lastReceivedAt",
    dir: params.get("dir") === "asc" ? "asc" : "desc",
  };
}

export function filtersToSearch(filters: LeadFilters): string {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.offer) params.set("offer", filters.offer);
  if (filters.source) params.set("source", filters.source);
  if (filters.action) params.set("action", filters.action);
  if (filters.stage) params.set("stage", filters.stage);
  if (filters.owner) params.set("owner", filters.owner);
  if (filters.pipeline) params.set("pipeline", filters.pipeline);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.test) params.set("test", "1");
  if (filters.sort !== "lastReceivedAt") params.set("sort", filters.sort);
  if (filters.dir !== "desc") params.set("dir", filters.dir);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** True when anything narrows the list (sorting does not). */
export function hasActiveFilters(filters: LeadFilters): boolean {
  return !!(
    filters.q.trim() ||
    filters.offer ||
    filters.source ||
    filters.action ||
    filters.stage ||
    filters.owner ||
    filters.pipeline ||
    filters.from ||
    filters.to
  );
}

/** The filter part of `leads.list` and `leads.export` input. */
export function filtersToInput(filters: LeadFilters) {
  return {
    q: filters.q.trim() || undefined,
    offerId: filters.offer === "none" ? null : filters.offer || undefined,
    source: filters.source || undefined,
    action: filters.action || undefined,
    funnelStage: filters.stage || undefined,
    owner: filters.owner || undefined,
    stageId: filters.pipeline || undefined,
    receivedFrom: filters.from ? new Date(`${filters.from}T00:00:00.000Z`) : undefined,
    receivedTo: filters.to ? new Date(`${filters.to}T23:59:59.999Z`) : undefined,
    showTest: filters.test,
  };
}

export function useLeadFilters() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => parseLeadFilters(new URLSearchParams(params.toString())), [params]);
  const setFilters = useCallback(
    (patch: Partial<LeadFilters>) => {
      const next = { ...parseLeadFilters(new URLSearchParams(window.location.search)), ...patch };
      router.replace(`${pathname}${filtersToSearch(next)}`, { scroll: false });
    },
    [pathname, router],
  );
  const clearFilters = useCallback(() => {
    const current = parseLeadFilters(new URLSearchParams(window.location.search));
    router.replace(
      `${pathname}${filtersToSearch({ ...EMPTY_FILTERS, test: current.test, sort: current.sort, dir: current.dir })}`,
      { scroll: false },
    );
  }, [pathname, router]);
  return { filters, setFilters, clearFilters };
}
