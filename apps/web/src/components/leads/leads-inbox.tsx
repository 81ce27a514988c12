"use client";

import { keepPreviousData, useInfiniteQuery, useSuspenseQuery } from "@tanstack/react-query";
import { Database, FlaskConical, Inbox, LifeBuoy, Search, SlidersHorizontal, X } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { cloneElement, useEffect, useMemo, useRef, useState } from "react";
import { PageHeader } from "~/components/page-header";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Input, Label, NativeSelect } from "~/components/ui/input";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import { AddLeadDialog } from "./add-lead-dialog";
import { CaptureUrlSetup } from "./capture-url-setup";
import { ExportButton } from "./export-button";
import { ImportCsvDialog } from "./import-csv-dialog";
import {
  FUNNEL_STAGES,
  KNOWN_ACTIONS,
  KNOWN_SOURCES,
  useLeadLabels,
  type FunnelStage,
} from "./lead-labels";
import { LeadsTable, type LeadRow } from "./leads-table";
import {
  filtersToInput,
  hasActiveFilters,
  useLeadFilters,
  type LeadFilters,
  type LeadSort,
  type SortDirection,
} from "./use-lead-filters";
import { useLeadErrorMessage } from "./use-lead-error";

const PAGE_SIZE = 50;
const LIVE_REFRESH_MS = 5_000;

export function LeadsInbox({ canManageCapture }: { canManageCapture: boolean }) {
  const t = useTranslations("leads");
  const imports = useTranslations("imports");
  const trpc = useTRPC();
  const errorMessage = useLeadErrorMessage();
  const { filters, setFilters, clearFilters } = useLeadFilters();
  // Prefetched by the page; suspense, so the server and the browser render the same choices.
  const offers = useSuspenseQuery(trpc.offers.list.queryOptions());
  const members = useSuspenseQuery(trpc.members.list.queryOptions());
  const stages = useSuspenseQuery(trpc.pipeline.stages.queryOptions());

  const input = useMemo(
    () => ({
      ...filtersToInput(filters),
      sort: filters.sort,
      order: filters.dir,
      limit: PAGE_SIZE,
    }),
    [filters],
  );
  // Keyset pages: tRPC passes each page's cursor (and its own `direction`, which the list ignores).
  const leads = useInfiniteQuery({
    ...trpc.leads.list.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.nextCursor,
    }),
    placeholderData: keepPreviousData,
    // New leads show up on their own while the inbox is open (not for long lists already paged through).
    refetchInterval: (query) =>
      (query.state.data?.pages.length ?? 0) <= 2 ? LIVE_REFRESH_MS : false,
  });
  const rows: LeadRow[] = useMemo(
    () => leads.data?.pages.flatMap((page) => page.items) ?? [],
    [leads.data],
  );
  const filtered = hasActiveFilters(filters);

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={
          <div className="flex flex-wrap gap-2">
            <ImportCsvDialog offers={offers.data} />
            <Button variant="secondary" asChild>
              <Link href="/leads/imports">
                <Database aria-hidden="true" />
                {imports("inboxLink")}
              </Link>
            </Button>
            <ExportButton filters={filters} disabled={!leads.data || rows.length === 0} />
            <AddLeadDialog offers={offers.data} />
          </div>
        }
      />
      <Card className="overflow-hidden">
        <FilterBar
          filters={filters}
          setFilters={setFilters}
          clearFilters={clearFilters}
          offers={offers.data}
          members={members.data}
          stages={stages.data}
        />
        <LeadsTable
          rows={rows}
          loading={leads.isPending}
          dimmed={leads.isPlaceholderData}
          sort={filters.sort}
          dir={filters.dir}
          onSort={(sort, dir) => setFilters({ sort, dir })}
          empty={
            leads.isError ? (
              <div role="alert" className="px-6 py-12 text-center text-sm text-red-700">
                {errorMessage(leads.error)}
              </div>
            ) : filtered ? (
              <NoMatches
                filters={filters}
                onClear={clearFilters}
                onShowTest={() => setFilters({ test: true })}
              />
            ) : (
              <EmptyInbox
                canManageCapture={canManageCapture}
                testShown={filters.test}
                onShowTest={() => setFilters({ test: true })}
              />
            )
          }
        />
        {rows.length > 0 ? (
          <div className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-xs text-slate-500 sm:px-6">
            <span aria-live="polite">
              {leads.hasNextPage
                ? t("shownMore", { count: rows.length })
                : t("shownAll", { count: rows.length })}
            </span>
            {leads.hasNextPage ? (
              <Button
                variant="secondary"
                size="sm"
                onClick={() => void leads.fetchNextPage()}
                disabled={leads.isFetchingNextPage}
              >
                {leads.isFetchingNextPage ? t("loadingMore") : t("loadMore")}
              </Button>
            ) : null}
          </div>
        ) : null}
        {leads.isFetchNextPageError ? (
          <p role="alert" className="px-6 pb-4 text-sm text-red-700">
            {errorMessage(leads.error)}
          </p>
        ) : null}
      </Card>
    </>
  );
}

interface OfferOption {
  id: string;
  title: string;
  ref: string;
}

interface MemberOption {
  userId: string;
  name: string | null;
  email: string;
}

interface StageOption {
  id: string;
  name: string;
}

function FilterBar({
  filters,
  setFilters,
  clearFilters,
  offers,
  members,
  stages,
}: {
  filters: LeadFilters;
  setFilters: (patch: Partial<LeadFilters>) => void;
  clearFilters: () => void;
  offers: OfferOption[];
  members: MemberOption[];
  stages: StageOption[];
}) {
  const t = useTranslations("leads");
  const labels = useLeadLabels();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState(filters.q);
  const typed = useRef(filters.q);

  // The URL is the truth: follow it when it changes elsewhere (back button, "clear").
  useEffect(() => {
    if (filters.q !== typed.current) {
      typed.current = filters.q;
      setSearch(filters.q);
    }
  }, [filters.q]);
  useEffect(() => {
    if (search === typed.current) return;
    const timer = setTimeout(() => {
      typed.current = search;
      setFilters({ q: search });
    }, 300);
    return () => clearTimeout(timer);
  }, [search, setFilters]);

  const narrowing = [
    filters.offer,
    filters.owner,
    filters.pipeline,
    filters.source,
    filters.action,
    filters.stage,
    filters.from,
    filters.to,
  ].filter(Boolean).length;
  const sources = withCurrent(KNOWN_SOURCES, filters.source);
  const actions = withCurrent(KNOWN_ACTIONS, filters.action);

  return (
    <div className="border-b border-slate-200 p-4 sm:px-6">
      <div className="flex flex-wrap items-center gap-3">
        <div className="relative min-w-0 flex-1 basis-64">
          <Search
            className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-slate-400"
            aria-hidden="true"
          />
          <Input
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                typed.current = search;
                setFilters({ q: search });
              }
            }}
            placeholder={t("searchPlaceholder")}
            aria-label={t("search")}
            className="pl-9"
            maxLength={200}
          />
        </div>
        <NativeSelect
          aria-label={t("sort.label")}
          className="w-auto min-w-0 flex-none"
          value={`${filters.sort}:${filters.dir}`}
          onChange={(event) => {
            const [sort, dir] = event.target.value.split(":") as [LeadSort, SortDirection];
            setFilters({ sort, dir });
          }}
        >
          {(
            [
              "lastReceivedAt:desc",
              "lastReceivedAt:asc",
              "createdAt:desc",
              "createdAt:asc",
            ] as const
          ).map((value) => (
            <option key={value} value={value}>
              {t(`sort.${value.replace(":", "_")}`)}
            </option>
          ))}
        </NativeSelect>
        <label className="flex h-9 cursor-pointer items-center gap-2 rounded-md px-1 text-sm text-slate-700">
          <input
            type="checkbox"
            className="size-4 rounded border-slate-300 accent-brand-600"
            checked={filters.test}
            onChange={(event) => setFilters({ test: event.target.checked })}
          />
          <FlaskConical className="size-4 text-amber-600" aria-hidden="true" />
          {t("showTest")}
        </label>
        <Button
          variant="secondary"
          className="md:hidden"
          aria-expanded={open}
          aria-controls="lead-filters"
          onClick={() => setOpen((value) => !value)}
        >
          <SlidersHorizontal aria-hidden="true" />
          {narrowing > 0 ? t("filtersCount", { count: narrowing }) : t("filters")}
        </Button>
      </div>
      <div
        id="lead-filters"
        className={cn(
          "mt-3 grid-cols-2 gap-3 md:grid md:grid-cols-4",
          open ? "grid" : "hidden",
        )}
      >
        <FilterField id="filter-offer" label={t("filter.offer")}>
          <NativeSelect
            value={filters.offer}
            onChange={(event) => setFilters({ offer: event.target.value })}
          >
            <option value="">{t("filter.allOffers")}</option>
            {offers.map((offer) => (
              <option key={offer.id} value={offer.id}>
                {offer.title}
              </option>
            ))}
            <option value="none">{t("filter.noOffer")}</option>
            {filters.offer &&
            filters.offer !== "none" &&
            !offers.some((o) => o.id === filters.offer) ? (
              <option value={filters.offer}>{filters.offer}</option>
            ) : null}
          </NativeSelect>
        </FilterField>
        <FilterField id="filter-owner" label={t("filter.owner")}>
          <NativeSelect
            value={filters.owner}
            onChange={(event) => setFilters({ owner: event.target.value })}
          >
            <option value="">{t("filter.allOwners")}</option>
            <option value="me">{t("filter.me")}</option>
            <option value="unassigned">{t("filter.unassigned")}</option>
            {members.map((member) => (
              <option key={member.userId} value={member.userId}>
                {member.name ?? member.email}
              </option>
            ))}
            {filters.owner &&
            !["me", "unassigned"].includes(filters.owner) &&
            !members.some((m) => m.userId === filters.owner) ? (
              <option value={filters.owner}>{t("filter.formerMember")}</option>
            ) : null}
          </NativeSelect>
        </FilterField>
        <FilterField id="filter-pipeline" label={t("filter.pipeline")}>
          <NativeSelect
            value={filters.pipeline}
            onChange={(event) => setFilters({ pipeline: event.target.value })}
          >
            <option value="">{t("filter.allPipelineStages")}</option>
            {stages.map((stage) => (
              <option key={stage.id} value={stage.id}>
                {stage.name}
              </option>
            ))}
            {filters.pipeline && !stages.some((s) => s.id === filters.pipeline) ? (
              <option value={filters.pipeline}>{t("filter.unknownStage")}</option>
            ) : null}
          </NativeSelect>
        </FilterField>
        <FilterField id="filter-source" label={t("filter.source")}>
          <NativeSelect
            value={filters.source}
            onChange={(event) => setFilters({ source: event.target.value })}
          >
            <option value="">{t("filter.allSources")}</option>
            {sources.map((source) => (
              <option key={source} value={source}>
                {labels.source(source)}
              </option>
            ))}
          </NativeSelect>
        </FilterField>
        <FilterField id="filter-action" label={t("filter.action")}>
          <NativeSelect
            value={filters.action}
            onChange={(event) => setFilters({ action: event.target.value })}
          >
            <option value="">{t("filter.allActions")}</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {labels.actionShort(action)} ({action})
              </option>
            ))}
          </NativeSelect>
        </FilterField>
        <FilterField id="filter-stage" label={t("filter.stage")}>
          <NativeSelect
            value={filters.stage}
            onChange={(event) => setFilters({ stage: event.target.value as FunnelStage | "" })}
          >
            <option value="">{t("filter.allStages")}</option>
            {FUNNEL_STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {labels.stage(stage)}
              </option>
            ))}
          </NativeSelect>
        </FilterField>
        <FilterField id="filter-from" label={t("filter.from")}>
          <Input
            type="date"
            value={filters.from}
            max={filters.to || undefined}
            onChange={(event) => setFilters({ from: event.target.value })}
          />
        </FilterField>
        <FilterField id="filter-to" label={t("filter.to")}>
          <Input
            type="date"
            value={filters.to}
            min={filters.from || undefined}
            onChange={(event) => setFilters({ to: event.target.value })}
          />
        </FilterField>
      </div>
      {narrowing > 0 || filters.q ? (
        <div className="mt-3 flex justify-end">
          <Button variant="ghost" size="sm" onClick={clearFilters}>
            <X aria-hidden="true" />
            {t("clearFilters")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function FilterField({
  id,
  label,
  children,
}: {
  id: string;
  label: string;
  children: React.ReactElement<Record<string, unknown>>;
}) {
  return (
    <div className="grid min-w-0 gap-1">
      <Label htmlFor={id} className="text-xs font-medium text-slate-500">
        {label}
      </Label>
      {cloneElement(children, { id, className: "h-8 text-xs" })}
    </div>
  );
}

function withCurrent(list: readonly string[], current: string): string[] {
  return current && !list.includes(current) ? [...list, current] : [...list];
}

function NoMatches({
  filters,
  onClear,
  onShowTest,
}: {
  filters: LeadFilters;
  onClear: () => void;
  onShowTest: () => void;
}) {
  const t = useTranslations("leads");
  return (
    <div className="px-6 py-14 text-center">
      <Search className="mx-auto size-8 text-slate-300" aria-hidden="true" />
      <h2 className="mt-3 text-base font-semibold">{t("noMatchesTitle")}</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-500">{t("noMatchesBody")}</p>
      <div className="mt-4 flex flex-wrap justify-center gap-2">
        <Button variant="secondary" size="sm" onClick={onClear}>
          {t("clearFilters")}
        </Button>
        {!filters.test ? (
          <Button variant="ghost" size="sm" onClick={onShowTest}>
            {t("includeTest")}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

function EmptyInbox({
  canManageCapture,
  testShown,
  onShowTest,
}: {
  canManageCapture: boolean;
  testShown: boolean;
  onShowTest: () => void;
}) {
  const t = useTranslations("leads");
  return (
    <div className="px-4 py-10 sm:px-10">
      <div className="mx-auto max-w-2xl">
        <div className="flex items-start gap-4">
          <span className="grid size-11 shrink-0 place-items-center rounded-full bg-brand-50 text-brand-600">
            <Inbox className="size-5" aria-hidden="true" />
          </span>
          <div>
            <h2 className="text-lg font-semibold">{t("empty.title")}</h2>
            <p className="mt-1 text-sm text-slate-600">{t("empty.body")}</p>
          </div>
        </div>
        <ol className="mt-6 grid gap-4 text-sm text-slate-700">
          <li className="grid grid-cols-[1.75rem_1fr] gap-2">
            <StepNumber n={1} />
            <div className="min-w-0">
              <p className="font-medium text-slate-900">{t("empty.step1")}</p>
              <p className="mt-0.5 text-slate-500">
                {t.rich("empty.step1Body", {
                  offers: (chunks) => (
                    <Link href="/offers" className="font-medium text-brand-700 hover:underline">
                      {chunks}
                    </Link>
                  ),
                })}
              </p>
              <div className="mt-3">
                <CaptureUrlSetup canManage={canManageCapture} />
              </div>
            </div>
          </li>
          <li className="grid grid-cols-[1.75rem_1fr] gap-2">
            <StepNumber n={2} />
            <div>
              <p className="font-medium text-slate-900">{t("empty.step2")}</p>
              <p className="mt-0.5 text-slate-500">{t("empty.step2Body")}</p>
            </div>
          </li>
          <li className="grid grid-cols-[1.75rem_1fr] gap-2">
            <StepNumber n={3} />
            <div>
              <p className="font-medium text-slate-900">{t("empty.step3")}</p>
              <p className="mt-0.5 text-slate-500">{t("empty.step3Body")}</p>
              {!testShown ? (
                <Button variant="link" size="sm" className="mt-1 h-auto px-0" onClick={onShowTest}>
                  {t("includeTest")}
                </Button>
              ) : null}
            </div>
          </li>
        </ol>
        <div className="mt-6 flex flex-wrap items-center gap-3 rounded-lg bg-slate-50 px-4 py-3 text-sm">
          <LifeBuoy className="size-4 text-slate-500" aria-hidden="true" />
          <span className="text-slate-600">{t("empty.stuck")}</span>
          <Link href="/leads/diagnostics" className="font-medium text-brand-700 hover:underline">
            {t("whyNoLeads")}
          </Link>
        </div>
      </div>
    </div>
  );
}

function StepNumber({ n }: { n: number }) {
  return (
    <span className="grid size-6 place-items-center rounded-full bg-slate-900 text-xs font-semibold text-white">
      {n}
    </span>
  );
}
