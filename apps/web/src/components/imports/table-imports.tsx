"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, ArrowLeft, Database, MoreHorizontal, Pause, Pencil, PlugZap, Play, Plus, RefreshCw, Trash2 } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { PageHeader } from "~/components/page-header";
import { RelativeTime } from "~/components/follow-up/relative-time";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Dialog, DialogClose, DialogContent } from "~/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "~/components/ui/dropdown-menu";
import { useErrorMessage } from "~/lib/use-error-message";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import type { TableImport } from "./types";

// The add/edit form (and its validation) loads after the page; it shows only in a dialog.
const loadForm = () => import("./table-import-form");
const TableImportForm = dynamic(() => loadForm().then((m) => m.TableImportForm), { ssr: false });

/** While a sync waits or runs the list refreshes quickly, otherwise now and then (scheduled syncs). */
const BUSY_REFRESH_MS = 1_500;
const IDLE_REFRESH_MS = 30_000;

export function TableImports({ canManage }: { canManage: boolean }) {
  const t = useTranslations("imports");
  const trpc = useTRPC();
  const offers = useQuery(trpc.offers.list.queryOptions());
  const imports = useQuery({
    ...trpc.tableImports.list.queryOptions(),
    refetchInterval: (query) => (query.state.data?.some((item) => item.syncState !== "idle") ? BUSY_REFRESH_MS : IDLE_REFRESH_MS),
  });
  const [dialog, setDialog] = useState<{ mode: "create" } | { mode: "edit"; tableImport: TableImport } | null>(null);
  const offerOptions = (offers.data ?? []).map((offer) => ({ id: offer.id, title: offer.title }));
  const list = imports.data ?? [];
  useEffect(() => {
    if (canManage) void loadForm();
  }, [canManage]);

  return (
    <>
      <Link href="/leads" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft className="size-4" aria-hidden="true" />
        {t("back")}
      </Link>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={
          canManage && list.length > 0 ? (
            <Button onClick={() => setDialog({ mode: "create" })}>
              <Plus aria-hidden="true" />
              {t("add")}
            </Button>
          ) : null
        }
      />

      {imports.isPending ? (
        <Card className="px-6 py-12 text-center text-sm text-slate-500">{t("loading")}</Card>
      ) : imports.isError ? (
        <Card role="alert" className="px-6 py-12 text-center text-sm text-red-700">
          {t("loadFailed")}
        </Card>
      ) : list.length === 0 ? (
        <EmptyState canManage={canManage} onAdd={() => setDialog({ mode: "create" })} />
      ) : (
        <div className="grid gap-4">
          {list.map((item) => (
            <ImportCard key={item.id} item={item} canManage={canManage} onEdit={() => setDialog({ mode: "edit", tableImport: item })} />
          ))}
        </div>
      )}

      <Dialog open={dialog !== null} onOpenChange={(open) => (!open ? setDialog(null) : undefined)}>
        {dialog ? (
          <DialogContent
            title={dialog.mode === "create" ? t("form.createTitle") : t("form.editTitle", { name: dialog.tableImport.name })}
            description={t("form.description")}
            className="max-h-[92dvh] max-w-lg overflow-y-auto"
          >
            <TableImportForm {...dialog} offers={offerOptions} onDone={() => setDialog(null)} onCancel={() => setDialog(null)} />
          </DialogContent>
        ) : null}
      </Dialog>
    </>
  );
}

function EmptyState({ canManage, onAdd }: { canManage: boolean; onAdd: () => void }) {
  const t = useTranslations("imports.empty");
  return (
    <Card className="flex flex-col items-center px-6 py-14 text-center">
      <span className="mb-4 flex size-12 items-center justify-center rounded-full bg-brand-50 text-brand-600">
        <Database className="size-6" aria-hidden="true" />
      </span>
      <h2 className="text-base font-semibold text-slate-900">{t("title")}</h2>
      <p className="mt-1 max-w-lg text-sm text-slate-500">{t("body")}</p>
      <ol className="mt-5 grid max-w-lg gap-2 text-left text-sm text-slate-600">
        {(["step1", "step2", "step3"] as const).map((step, index) => (
          <li key={step} className="flex gap-3">
            <span className="flex size-5 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-medium text-slate-600">{index + 1}</span>
            {t(step)}
          </li>
        ))}
      </ol>
      {canManage ? (
        <Button className="mt-6" onClick={onAdd}>
          <Plus aria-hidden="true" />
          {t("add")}
        </Button>
      ) : (
        <p className="mt-6 text-xs text-slate-500">{t("adminsOnly")}</p>
      )}
    </Card>
  );
}

function ImportCard({ item, canManage, onEdit }: { item: TableImport; canManage: boolean; onEdit: () => void }) {
  const t = useTranslations("imports");
  const common = useTranslations("common");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tableImports.list.pathKey() });
  const onError = (error: unknown) => toast.error(errorMessage(error));

  const syncNow = useMutation(
    trpc.tableImports.syncNow.mutationOptions({
      onSuccess: async () => {
        toast.success(t("syncQueued", { name: item.name }));
        await refresh();
      },
      onError,
    }),
  );
  const test = useMutation(
    trpc.tableImports.test.mutationOptions({
      onSuccess: (result) => (result.ok ? toast.success(t("testOk"), { description: result.message }) : toast.error(t("testFailed"), { description: result.message })),
      onError,
    }),
  );
  const update = useMutation(
    trpc.tableImports.update.mutationOptions({
      onSuccess: async (updated) => {
        toast.success(updated.enabled ? t("enabled", { name: item.name }) : t("disabled", { name: item.name }));
        await refresh();
      },
      onError,
    }),
  );
  const remove = useMutation(
    trpc.tableImports.delete.mutationOptions({
      onSuccess: async () => {
        toast.success(t("deleted", { name: item.name }));
        setConfirmDelete(false);
        await refresh();
      },
      onError,
    }),
  );

  const busy = item.syncState !== "idle" || syncNow.isPending;
  const status = busy
    ? { label: item.syncState === "running" ? t("status.running") : t("status.queued"), variant: "brand" as const }
    : item.lastSyncError && !item.lastSyncAt
      ? { label: t("status.failing"), variant: "danger" as const }
      : item.lastSyncError
        ? { label: t("status.attention"), variant: "warning" as const }
        : !item.enabled
          ? { label: t("status.paused"), variant: "default" as const }
          : item.lastSyncAt
            ? { label: t("status.ok"), variant: "success" as const }
            : { label: t("status.new"), variant: "default" as const };

  return (
    <Card className="overflow-hidden" data-testid="table-import">
      <div className="flex flex-wrap items-start justify-between gap-4 p-5">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="truncate text-base font-semibold text-slate-900">{item.name}</h2>
            <Badge variant={status.variant}>
              {busy ? <RefreshCw className="mr-1 size-3 animate-spin" aria-hidden="true" /> : null}
              {status.label}
            </Badge>
            {!item.enabled && status.variant !== "default" ? <Badge>{t("status.paused")}</Badge> : null}
          </div>
          <p className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-500">
            <span>
              {t("meta.table")} <span className="font-mono text-slate-700">{item.tableName}</span>
            </span>
            <span>
              {t("meta.account")} <span className="font-mono text-slate-700">{item.accountName ?? "—"}</span>
            </span>
            <span>{item.offer ? t("meta.offer", { offer: item.offer.title }) : t("meta.noOffer")}</span>
            <span>{t("meta.every", { minutes: item.intervalMinutes })}</span>
          </p>
        </div>
        {canManage ? (
          <div className="flex items-center gap-2">
            <Button variant="secondary" size="sm" disabled={busy} onClick={() => syncNow.mutate({ id: item.id })}>
              <RefreshCw className={cn(busy && "animate-spin")} aria-hidden="true" />
              {t("syncNow")}
            </Button>
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="ghost" size="icon" aria-label={t("more", { name: item.name })}>
                  <MoreHorizontal aria-hidden="true" />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end">
                <DropdownMenuItem onSelect={() => test.mutate({ id: item.id })}>
                  <PlugZap className="size-4" aria-hidden="true" />
                  {t("test")}
                </DropdownMenuItem>
                <DropdownMenuItem onSelect={onEdit}>
                  <Pencil className="size-4" aria-hidden="true" />
                  {t("edit")}
                </DropdownMenuItem>
                <DropdownMenuItem onSelect={() => update.mutate({ id: item.id, enabled: !item.enabled })}>
                  {item.enabled ? <Pause className="size-4" aria-hidden="true" /> : <Play className="size-4" aria-hidden="true" />}
                  {item.enabled ? t("disable") : t("enable")}
                </DropdownMenuItem>
                <DropdownMenuSeparator />
                <DropdownMenuItem className="text-red-700" onSelect={() => setConfirmDelete(true)}>
                  <Trash2 className="size-4" aria-hidden="true" />
                  {t("delete")}
                </DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
          </div>
        ) : null}
      </div>

      <dl className="grid grid-cols-2 border-t border-slate-100 bg-slate-50/60 sm:grid-cols-4">
        <Stat label={t("stats.lastSync")}>{item.lastSyncAt ? <RelativeTime date={item.lastSyncAt} /> : t("stats.never")}</Stat>
        <Stat label={t("stats.lastImported")}>{item.lastSyncAt ? format.number(item.lastImportedCount) : "—"}</Stat>
        <Stat label={t("stats.total")}>{format.number(item.totalImported)}</Stat>
        <Stat label={t("stats.nextSync")}>{item.enabled && item.nextSyncAt ? <RelativeTime date={item.nextSyncAt} /> : t("stats.notScheduled")}</Stat>
      </dl>

      {item.lastSyncError ? (
        <div role="status" className="flex gap-2 border-t border-amber-100 bg-amber-50 px-5 py-3 text-sm text-amber-900">
          <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <p>
            <span className="font-medium">{t("lastError")}</span> {item.lastSyncError}
          </p>
        </div>
      ) : null}

      <Dialog open={confirmDelete} onOpenChange={setConfirmDelete}>
        <DialogContent title={t("deleteTitle", { name: item.name })} description={t("deleteBody")}>
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">{common("cancel")}</Button>
            </DialogClose>
            <Button variant="destructive" disabled={remove.isPending} onClick={() => remove.mutate({ id: item.id })}>
              {t("delete")}
            </Button>
          </div>
        </DialogContent>
      </Dialog>
    </Card>
  );
}

function Stat({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="px-5 py-3">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm font-medium text-slate-900">{children}</dd>
    </div>
  );
}
