"use client";

import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { OwnerAvatar } from "~/components/follow-up/lead-badges";
import { Badge } from "~/components/ui/badge";
import { Table, Td, Th } from "~/components/ui/table";
import { cn } from "~/lib/utils";
import {
  ActionBadge,
  PrivacyBadge,
  RelativeTime,
  TestBadge,
  useLeadLabels,
  useLeadName,
  type FunnelStage,
} from "./lead-labels";
import type { LeadSort, SortDirection } from "./use-lead-filters";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Classes for the header and the cells (e.g. responsive hiding). */
    className?: string;
    /** The backend sort this column maps to. */
    sort?: LeadSort;
  }
}

/** A row of `leads.list` (dates already revived by superjson). */
export interface LeadRow {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  company: string | null;
  country: string | null;
  title: string | null;
  source: string | null;
  action: string | null;
  funnelStage: FunnelStage;
  offer: { id: string; publisherId: string; offerId: string; title: string } | null;
  offerRef: string | null;
  offerTitle: string | null;
  /** Null: unassigned (or the owner left the publisher account). */
  owner: { userId: string; name: string | null; email: string } | null;
  /** The pipeline stage (no stage yet: the entry stage). */
  stage: { id: string; name: string; kind: "OPEN" | "WON" | "LOST" | "DISQUALIFIED" } | null;
  isTest: boolean;
  isPrivacyRedacted: boolean;
  touchpointCount: number;
  firstReceivedAt: Date;
  lastReceivedAt: Date;
  createdAt: Date;
}

const column = createColumnHelper<LeadRow>();

function StageBadge({ stage, className }: { stage: LeadRow["stage"]; className?: string }) {
  if (!stage) return null;
  const variant = stage.kind === "WON" ? "success" : stage.kind === "OPEN" ? "brand" : "default";
  return (
    <Badge variant={variant} className={cn("max-w-full truncate", className)} title={stage.name}>
      <span className="truncate">{stage.name}</span>
    </Badge>
  );
}

/** Rows kept while loading: the same height as real rows, so nothing jumps. */
const SKELETON_ROWS = 8;

export function LeadsTable({
  rows,
  loading,
  dimmed,
  sort,
  dir,
  onSort,
  empty,
}: {
  rows: LeadRow[];
  loading: boolean;
  dimmed: boolean;
  sort: LeadSort;
  dir: SortDirection;
  onSort: (sort: LeadSort, dir: SortDirection) => void;
  empty: React.ReactNode;
}) {
  const t = useTranslations("leads");
  const labels = useLeadLabels();
  const leadName = useLeadName();
  const router = useRouter();

  const columns = useMemo(
    () =>
      [
        column.display({
          id: "lead",
          header: () => t("columns.lead"),
          meta: { className: "pl-4 sm:pl-6" },
          cell: ({ row: { original: lead } }) => {
            const name = leadName(lead);
            const secondary = [
              lead.company && !lead.isPrivacyRedacted && lead.company !== name
                ? lead.company
                : null,
              lead.email && lead.email !== name ? lead.email : null,
            ].filter(Boolean);
            return (
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <Link
                    href={`/leads/${lead.id}`}
                    className={cn(
                      "block max-w-full truncate font-medium text-slate-900 hover:text-brand-700 hover:underline",
                      lead.isPrivacyRedacted && "italic text-slate-600",
                    )}
                    title={name}
                    onClick={(event) => event.stopPropagation()}
                  >
                    {name}
                  </Link>
                  {lead.isTest ? <TestBadge /> : null}
                  {lead.isPrivacyRedacted ? <PrivacyBadge /> : null}
                </div>
                {secondary.length > 0 ? (
                  <div className="mt-0.5 truncate text-xs text-slate-500">
                    {secondary.join(" · ")}
                  </div>
                ) : null}
                {/* What the columns hidden at this width would say, and how often the lead arrived. */}
                <div className="mt-1.5 flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
                  <ActionBadge
                    action={lead.action}
                    stage={lead.funnelStage}
                    className="sm:hidden"
                  />
                  <StageBadge stage={lead.stage} className="md:hidden" />
                  <span
                    className="inline-flex min-w-0 items-center gap-1 text-xs text-slate-600 xl:hidden"
                    data-testid="lead-owner-compact"
                  >
                    <span className="sr-only">{t("columns.owner")}: </span>
                    {lead.owner ? (lead.owner.name ?? lead.owner.email) : t("unassigned")}
                  </span>
                  <span className="min-w-0 truncate text-xs text-slate-500 min-[1440px]:hidden">
                    {offerLabel(lead)}
                  </span>
                  {lead.touchpointCount > 1 ? (
                    <span className="text-xs text-slate-500">
                      · {t("touchpointsShort", { count: lead.touchpointCount })}
                    </span>
                  ) : null}
                </div>
              </div>
            );
          },
        }),
        column.display({
          id: "offer",
          header: () => t("columns.offer"),
          meta: { className: "hidden w-48 min-[1440px]:table-cell" },
          cell: ({ row: { original: lead } }) => {
            const ref = lead.offer
              ? `${lead.offer.publisherId}.${lead.offer.offerId}`
              : lead.offerRef;
            const title = lead.offer?.title ?? lead.offerTitle;
            return (
              <div className="min-w-0">
                {ref || title ? (
                  <div
                    className="truncate text-slate-800"
                    title={[title, ref].filter(Boolean).join(" · ")}
                  >
                    {title ?? ref}
                  </div>
                ) : (
                  <div className="text-slate-400">{t("noOffer")}</div>
                )}
                <div className="truncate text-xs text-slate-500" title={lead.source ?? undefined}>
                  {labels.source(lead.source)}
                </div>
              </div>
            );
          },
        }),
        column.display({
          id: "action",
          header: () => t("columns.action"),
          meta: { className: "hidden w-44 sm:table-cell" },
          cell: ({ row: { original: lead } }) => (
            <ActionBadge action={lead.action} stage={lead.funnelStage} />
          ),
        }),
        column.display({
          id: "stage",
          header: () => t("columns.stage"),
          meta: { className: "hidden w-32 md:table-cell" },
          cell: ({ row: { original: lead } }) => <StageBadge stage={lead.stage} />,
        }),
        column.display({
          id: "owner",
          header: () => t("columns.owner"),
          meta: { className: "hidden w-40 xl:table-cell" },
          cell: ({ row: { original: lead } }) => (
            <span className="flex min-w-0 items-center gap-2" data-testid="lead-owner">
              <OwnerAvatar owner={lead.owner} />
              <span
                className={cn("truncate text-sm", lead.owner ? "text-slate-700" : "text-slate-400")}
                title={lead.owner ? lead.owner.email : undefined}
              >
                {lead.owner ? (lead.owner.name ?? lead.owner.email) : t("unassigned")}
              </span>
            </span>
          ),
        }),
        column.accessor("lastReceivedAt", {
          id: "lastReceivedAt",
          header: () => t("columns.received"),
          meta: {
            className: "w-32 pr-4 text-right whitespace-nowrap sm:w-36 sm:pr-6",
            sort: "lastReceivedAt",
          },
          cell: ({ getValue }) => <RelativeTime date={getValue()} className="text-slate-600" />,
        }),
      ] as ColumnDef<LeadRow>[],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t],
  );

  const sorting: SortingState = [{ id: sort, desc: dir === "desc" }];
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting },
  });

  return (
    <>
      <Table className="table-fixed">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const meta = header.column.columnDef.meta;
                const content = flexRender(header.column.columnDef.header, header.getContext());
                if (!meta?.sort) {
                  return (
                    <Th key={header.id} className={meta?.className}>
                      {content}
                    </Th>
                  );
                }
                const active = sort === meta.sort;
                const nextDir: SortDirection = active && dir === "desc" ? "asc" : "desc";
                const Icon = active ? (dir === "desc" ? ArrowDown : ArrowUp) : ArrowUpDown;
                return (
                  <Th
                    key={header.id}
                    className={meta.className}
                    aria-sort={active ? (dir === "desc" ? "descending" : "ascending") : "none"}
                  >
                    <button
                      type="button"
                      className={cn(
                        "inline-flex items-center gap-1 uppercase tracking-wide hover:text-slate-900",
                        active && "text-slate-900",
                      )}
                      onClick={() => onSort(meta.sort!, nextDir)}
                      title={t(nextDir === "desc" ? "sortNewest" : "sortOldest")}
                    >
                      {content}
                      <Icon className="size-3.5" aria-hidden="true" />
                    </button>
                  </Th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody
          className={cn("transition-opacity", dimmed && "opacity-60")}
          aria-busy={loading || dimmed}
        >
          {loading
            ? Array.from({ length: SKELETON_ROWS }, (_, index) => (
                <tr key={index} aria-hidden="true">
                  {table.getVisibleLeafColumns().map((col) => (
                    <Td key={col.id} className={cn(col.columnDef.meta?.className, "h-[61px]")}>
                      <div
                        className={cn(
                          "h-3.5 animate-pulse rounded bg-slate-100",
                          col.id === "lead" ? "w-3/4" : "ml-auto w-16 first:ml-0",
                        )}
                      />
                      {col.id === "lead" ? (
                        <div className="mt-2 h-2.5 w-1/2 animate-pulse rounded bg-slate-100" />
                      ) : null}
                    </Td>
                  ))}
                </tr>
              ))
            : table.getRowModel().rows.map((row) => (
                <tr
                  key={row.id}
                  data-testid="lead-row"
                  className="cursor-pointer hover:bg-slate-50/80"
                  onClick={(event) => {
                    if (window.getSelection()?.toString()) return;
                    if (event.metaKey || event.ctrlKey) window.open(`/leads/${row.id}`, "_blank");
                    else router.push(`/leads/${row.id}`);
                  }}
                >
                  {row.getVisibleCells().map((cell) => (
                    <Td
                      key={cell.id}
                      className={cn(cell.column.columnDef.meta?.className, "h-[61px]")}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </Td>
                  ))}
                </tr>
              ))}
        </tbody>
      </Table>
      {/* Below the table, not in a spanning cell: the hidden responsive columns would skew it. */}
      {!loading && rows.length === 0 ? empty : null}
    </>
  );

  function offerLabel(lead: LeadRow) {
    return lead.offer?.title ?? lead.offerTitle ?? lead.offerRef ?? labels.source(lead.source);
  }
}
