"use client";

import { DndContext, DragOverlay, PointerSensor, useDraggable, useDroppable, useSensor, useSensors, type DragEndEvent, type DragStartEvent } from "@dnd-kit/core";
import type { RouterOutputs } from "@leadrelay/api";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { ArrowRightLeft, CalendarClock, Info } from "lucide-react";
import { useTranslations } from "next-intl";
import { useDeferredValue, useState, useTransition } from "react";
import { toast } from "sonner";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from "~/components/ui/dropdown-menu";
import { Input, Label, NativeSelect } from "~/components/ui/input";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import { FlagBadges, OwnerAvatar, RangeMeter } from "./lead-badges";
import { LeadSheet, type LeadSummary } from "./lead-sheet";
import { boardInput } from "./query-inputs";
import { RelativeTime } from "./relative-time";
import { useFollowUpError } from "./use-follow-up-error";
import { useRefreshFollowUps, useViewTimeZone } from "./use-follow-up-data";

type Board = RouterOutputs["pipeline"]["board"];
type BoardLead = Board["columns"][number]["leads"][number];

/** Moves a card between columns in the cached board, so the move shows before the server answers. */
function moveInBoard(board: Board, leadId: string, toStageId: string): Board {
  let moving: BoardLead | undefined;
  const without = board.columns.map((column) => {
    const lead = column.leads.find((l) => l.id === leadId);
    if (!lead) return column;
    moving = lead;
    return { ...column, total: column.total - 1, leads: column.leads.filter((l) => l.id !== leadId) };
  });
  if (!moving) return board;
  const moved = moving;
  return {
    columns: without.map((column) =>
      column.stage.id === toStageId
        ? {
            ...column,
            total: column.total + 1,
            leads: [{ ...moved, stage: { id: column.stage.id, name: column.stage.name, kind: column.stage.kind, isNurture: column.stage.isNurture } }, ...column.leads],
          }
        : column,
    ),
  };
}

/**
 * The pipeline as columns. Drag a card to another stage, or use its "Move to" menu (the
 * keyboard and screen-reader way); either records the move on the lead's timeline.
 */
export function PipelineBoard() {
  const t = useTranslations("followUpBoard");
  const f = useTranslations("followUp");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const timeZone = useViewTimeZone();
  const refresh = useRefreshFollowUps();
  const errorMessage = useFollowUpError();
  const [owner, setOwner] = useState("any");
  const [search, setSearch] = useState("");
  const q = useDeferredValue(search.trim());
  const [open, setOpen] = useState<LeadSummary | null>(null);
  const [dragging, setDragging] = useState<BoardLead | null>(null);
  const input = boardInput(owner, q, timeZone);
  // Suspense (the server prefetch streams in); filter changes are transitions, so the board stays while the next one loads.
  const [switching, startTransition] = useTransition();
  const board = useSuspenseQuery(trpc.pipeline.board.queryOptions(input));
  const { data: members } = useSuspenseQuery(trpc.members.list.queryOptions());
  const key = trpc.pipeline.board.queryKey(input);
  const move = useMutation(trpc.pipeline.moveLead.mutationOptions());
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));

  async function moveLead(lead: BoardLead, toStageId: string, toStageName: string) {
    if (lead.stage.id === toStageId) return;
    await queryClient.cancelQueries({ queryKey: key });
    const previous = queryClient.getQueryData<Board>(key);
    if (previous) queryClient.setQueryData<Board>(key, moveInBoard(previous, lead.id, toStageId));
    try {
      await move.mutateAsync({ leadId: lead.id, stageId: toStageId });
      toast.success(f("movedLead", { name: lead.name, stage: toStageName }));
    } catch (error) {
      if (previous) queryClient.setQueryData<Board>(key, previous);
      toast.error(errorMessage(error));
    } finally {
      void refresh();
    }
  }

  function onDragStart(event: DragStartEvent) {
    setDragging((event.active.data.current as { lead: BoardLead } | undefined)?.lead ?? null);
  }

  function onDragEnd(event: DragEndEvent) {
    setDragging(null);
    const lead = (event.active.data.current as { lead: BoardLead } | undefined)?.lead;
    const column = board.data.columns.find((c) => c.stage.id === event.over?.id);
    if (lead && column) void moveLead(lead, column.stage.id, column.stage.name);
  }

  const stages = board.data.columns.map((c) => c.stage);

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <div className="grid w-56 gap-1.5">
          <Label htmlFor="board-owner">{f("ownerFilter")}</Label>
          <NativeSelect id="board-owner" value={owner} onChange={(e) => startTransition(() => setOwner(e.target.value))}>
            <option value="any">{f("owners.any")}</option>
            <option value="me">{f("owners.me")}</option>
            <option value="unassigned">{f("owners.unassigned")}</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>{m.name ?? m.email}</option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid w-64 gap-1.5">
          <Label htmlFor="board-search">{f("search")}</Label>
          <Input id="board-search" type="search" value={search} placeholder={f("searchPlaceholder")} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <p className="flex items-center gap-1.5 pb-2 text-xs text-slate-500">
          <Info className="size-3.5" aria-hidden="true" />
          {t("hint")}
        </p>
      </div>

      <DndContext id="pipeline-board" sensors={sensors} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragging(null)}>
        <div className={cn("-mx-4 overflow-x-auto px-4 pb-4 transition-opacity sm:-mx-6 sm:px-6", (switching || q !== search.trim()) && "opacity-60")} data-testid="pipeline-board">
          <div className="flex min-w-max gap-3">
            {board.data.columns.map((column) => (
              <Column key={column.stage.id} column={column}>
                {column.leads.map((lead) => (
                  <Card key={lead.id} lead={lead} stages={stages} onOpen={setOpen} onMove={moveLead} />
                ))}
              </Column>
            ))}
          </div>
        </div>
        <DragOverlay dropAnimation={null}>{dragging ? <CardBody lead={dragging} overlay /> : null}</DragOverlay>
      </DndContext>
      <LeadSheet lead={open} onClose={() => setOpen(null)} />
    </div>
  );
}

function Column({ column, children }: { column: Board["columns"][number]; children: React.ReactNode }) {
  const t = useTranslations("followUpBoard");
  const { setNodeRef, isOver } = useDroppable({ id: column.stage.id });
  const tone =
    column.stage.kind === "WON" ? "border-t-emerald-500" : column.stage.kind === "OPEN" ? (column.stage.isNurture ? "border-t-teal-400" : "border-t-brand-500") : "border-t-slate-400";
  const hidden = column.total - column.leads.length;
  return (
    <section
      ref={setNodeRef}
      aria-label={t("column", { stage: column.stage.name, count: column.total })}
      data-testid={`column-${column.stage.name}`}
      className={cn("flex w-64 flex-col rounded-xl border border-t-4 border-slate-200 bg-slate-50/80 transition-colors", tone, isOver && "border-brand-500 bg-brand-50")}
    >
      <header className="px-3 pb-2 pt-3">
        <div className="flex items-center justify-between gap-2">
          <h2 className="truncate text-sm font-semibold text-slate-900">{column.stage.name}</h2>
          <span className="rounded-full bg-white px-2 text-xs font-medium text-slate-600 ring-1 ring-slate-200">{column.total}</span>
        </div>
        {column.stage.description ? <p className="mt-1 line-clamp-2 text-xs text-slate-500" title={column.stage.description}>{column.stage.description}</p> : null}
      </header>
      <ol className="flex min-h-24 flex-1 flex-col gap-2 px-2 pb-2">{children}</ol>
      {hidden > 0 ? <p className="px-3 pb-3 text-xs text-slate-500">{t("more", { count: hidden })}</p> : null}
      {column.total === 0 ? <p className="px-3 pb-4 text-center text-xs text-slate-400">{t("empty")}</p> : null}
    </section>
  );
}

function Card({
  lead,
  stages,
  onOpen,
  onMove,
}: {
  lead: BoardLead;
  stages: Board["columns"][number]["stage"][];
  onOpen: (lead: LeadSummary) => void;
  onMove: (lead: BoardLead, stageId: string, stageName: string) => Promise<void>;
}) {
  const t = useTranslations("followUpBoard");
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: lead.id, data: { lead } });
  return (
    <li ref={setNodeRef} {...listeners} data-testid={`card-${lead.id}`} className={cn("touch-none", isDragging && "opacity-40")}>
      <CardBody
        lead={lead}
        onOpen={() => onOpen({ id: lead.id, name: lead.name, company: lead.company, email: lead.email, offerTitle: lead.offerTitle })}
        menu={
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <button type="button" aria-label={t("moveLead", { name: lead.name })} className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700">
                <ArrowRightLeft className="size-3.5" aria-hidden="true" />
              </button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuLabel>{t("moveTo")}</DropdownMenuLabel>
              {stages
                .filter((s) => s.id !== lead.stage.id)
                .map((s) => (
                  <DropdownMenuItem key={s.id} onSelect={() => void onMove(lead, s.id, s.name)}>
                    {s.name}
                  </DropdownMenuItem>
                ))}
            </DropdownMenuContent>
          </DropdownMenu>
        }
      />
    </li>
  );
}

function CardBody({ lead, onOpen, menu, overlay = false }: { lead: BoardLead; onOpen?: () => void; menu?: React.ReactNode; overlay?: boolean }) {
  return (
    <div className={cn("grid gap-2 rounded-lg border border-slate-200 bg-white p-3 shadow-xs", overlay ? "w-60 rotate-1 shadow-lg" : "cursor-grab active:cursor-grabbing")}>
      <div className="flex items-start gap-2">
        <button type="button" onClick={onOpen} className="min-w-0 flex-1 text-left">
          <span className="block truncate text-sm font-medium text-slate-900 hover:text-brand-700">{lead.name}</span>
          <span className="block truncate text-xs text-slate-500">{[lead.company, lead.offerTitle].filter(Boolean).join(" · ") || "—"}</span>
        </button>
        {menu}
      </div>
      <div className="flex items-center justify-between gap-2">
        <RangeMeter count={lead.followUpCount} status={lead.range} compact />
        <OwnerAvatar owner={lead.owner} />
      </div>
      {lead.nextFollowUpAt ? (
        <p className={cn("flex items-center gap-1 text-xs", lead.due === "overdue" ? "text-red-700" : "text-slate-500")}>
          <CalendarClock className="size-3" aria-hidden="true" />
          <RelativeTime date={lead.nextFollowUpAt} />
        </p>
      ) : null}
      <FlagBadges flags={lead.flags} only={["do_not_contact", "overdue", "due_today", "nurture_due", "silent", "uncontacted"]} />
    </div>
  );
}
