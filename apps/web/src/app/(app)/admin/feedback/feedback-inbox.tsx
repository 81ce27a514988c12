"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@leadrelay/api";
import { Inbox, MessageSquareText } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Label } from "~/components/ui/input";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import {
  FEEDBACK_CATEGORIES,
  FEEDBACK_STATUSES,
  FeedbackStatusBadge,
  MetaLine,
  PlainText,
  SatisfactionLabel,
  type FeedbackCategory,
  type FeedbackStatus,
} from "../../feedback/feedback-labels";
import { Textarea } from "../../feedback/textarea";
import { TenantStatusBadge } from "../admin-ui";
import { FilterSelect, TenantFilterSelect, useUrlFilters } from "../filter-bar";
import { useAdminErrorMessage } from "../use-admin-error";

interface Filters {
  status?: FeedbackStatus;
  category?: FeedbackCategory;
  tenantId?: string;
  selectedId?: string;
}

type InboxItem = RouterOutputs["admin"]["feedback"]["list"]["items"][number];

export function FeedbackInbox({ initial }: { initial: Filters }) {
  const t = useTranslations("adminConsole.inbox");
  const fb = useTranslations("feedback");
  const statusLabel = useTranslations("adminConsole.feedbackStatus");
  const trpc = useTRPC();
  const [filters, update] = useUrlFilters<Filters>(initial, (f) => ({ status: f.status, category: f.category, tenant: f.tenantId, id: f.selectedId }));

  const list = useInfiniteQuery({
    ...trpc.admin.feedback.list.infiniteQueryOptions(
      { status: filters.status, category: filters.category, tenantId: filters.tenantId, limit: 25 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const counts = list.data?.pages[0]?.statusCounts;
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : undefined;

  const tabs: { key: FeedbackStatus | undefined; label: string; count: number | undefined }[] = [
    { key: undefined, label: t("all"), count: total },
    ...FEEDBACK_STATUSES.map((status) => ({ key: status, label: statusLabel(status), count: counts?.[status] })),
  ];

  return (
    <div className="grid gap-4">
      <Card className="flex flex-wrap items-end justify-between gap-4 p-4">
        <div role="group" aria-label={t("statusFilter")} className="flex flex-wrap gap-1">
          {tabs.map((tab) => {
            const active = filters.status === tab.key;
            return (
              <button
                key={tab.key ?? "all"}
                type="button"
                aria-pressed={active}
                onClick={() => update({ ...filters, status: tab.key, selectedId: undefined })}
                className={cn(
                  "inline-flex h-8 items-center gap-1.5 rounded-md px-3 text-sm font-medium transition-colors",
                  active ? "bg-brand-600 text-white" : "text-slate-600 hover:bg-slate-100",
                )}
              >
                {tab.label}
                {tab.count !== undefined ? (
                  <span className={cn("rounded-full px-1.5 text-xs tabular-nums", active ? "bg-white/20" : "bg-slate-100 text-slate-600")}>{tab.count}</span>
                ) : null}
              </button>
            );
          })}
        </div>
        <div className="flex w-full flex-wrap gap-3 sm:w-auto">
          <FilterSelect
            id="inbox-category"
            label={t("category")}
            anyLabel={t("anyCategory")}
            value={filters.category}
            options={FEEDBACK_CATEGORIES.map((category) => ({ value: category, label: fb(`categories.${category}`) }))}
            onChange={(category) => update({ ...filters, category: category as FeedbackCategory | undefined, selectedId: undefined })}
            className="sm:w-48"
          />
          <TenantFilterSelect
            id="inbox-tenant"
            label={t("tenant")}
            anyLabel={t("anyTenant")}
            value={filters.tenantId}
            onChange={(tenantId) => update({ ...filters, tenantId, selectedId: undefined })}
          />
        </div>
      </Card>

      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Card className="overflow-hidden">
          {list.isPending ? (
            <ul aria-busy="true" className="divide-y divide-slate-100">
              {[0, 1, 2, 3].map((i) => (
                <li key={i} className="animate-pulse p-4">
                  <div className="h-3.5 w-32 rounded bg-slate-200" />
                  <div className="mt-2 h-3 w-full rounded bg-slate-100" />
                </li>
              ))}
            </ul>
          ) : list.isError ? (
            <p role="alert" className="p-8 text-center text-sm text-red-700">
              {t("loadFailed")}
            </p>
          ) : items.length === 0 ? (
            <div className="grid place-items-center px-6 py-14 text-center">
              <Inbox className="size-8 text-slate-300" aria-hidden="true" />
              <p className="mt-3 text-sm font-medium text-slate-700">{t("emptyTitle")}</p>
              <p className="mt-1 text-sm text-slate-500">{t("emptyBody")}</p>
            </div>
          ) : (
            <>
              <ul className="divide-y divide-slate-100" aria-label={t("listLabel")}>
                {items.map((item) => (
                  <li key={item.id}>
                    <InboxRow item={item} selected={filters.selectedId === item.id} onSelect={() => update({ ...filters, selectedId: item.id })} />
                  </li>
                ))}
              </ul>
              {list.hasNextPage ? (
                <div className="border-t border-slate-100 p-3 text-center">
                  <Button variant="ghost" size="sm" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                    {list.isFetchingNextPage ? t("loading") : t("loadMore")}
                  </Button>
                </div>
              ) : null}
            </>
          )}
        </Card>

        {filters.selectedId ? (
          <FeedbackDetail key={filters.selectedId} feedbackId={filters.selectedId} onClose={() => update({ ...filters, selectedId: undefined })} />
        ) : (
          <Card className="hidden place-items-center px-6 py-20 text-center lg:grid">
            <div>
              <MessageSquareText className="mx-auto size-8 text-slate-300" aria-hidden="true" />
              <p className="mt-3 text-sm text-slate-500">{t("selectHint")}</p>
            </div>
          </Card>
        )}
      </div>
    </div>
  );
}

function InboxRow({ item, selected, onSelect }: { item: InboxItem; selected: boolean; onSelect: () => void }) {
  const fb = useTranslations("feedback");
  const format = useFormatter();
  return (
    <button
      type="button"
      onClick={onSelect}
      aria-current={selected ? "true" : undefined}
      data-testid={`inbox-${item.id}`}
      className={cn("block w-full px-4 py-3 text-left transition-colors hover:bg-slate-50", selected && "bg-brand-50/70 hover:bg-brand-50")}
    >
      <div className="flex items-center justify-between gap-2">
        <span className="truncate text-sm font-medium text-slate-900">{item.tenant.name}</span>
        <FeedbackStatusBadge status={item.status} forStaff />
      </div>
      <MetaLine
        className="mt-0.5"
        items={[fb(`categories.${item.category}`), format.relativeTime(item.createdAt, new Date()), item.replies.length > 0 ? fb("replies", { count: item.replies.length }) : null]}
      />
      <p className="mt-1 line-clamp-2 break-words text-sm text-slate-600">{item.message}</p>
    </button>
  );
}

function FeedbackDetail({ feedbackId, onClose }: { feedbackId: string; onClose: () => void }) {
  const t = useTranslations("adminConsole.inbox");
  const fb = useTranslations("feedback");
  const statusLabel = useTranslations("adminConsole.feedbackStatus");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useAdminErrorMessage();
  const [answer, setAnswer] = useState("");
  const item = useQuery(trpc.admin.feedback.get.queryOptions({ feedbackId }));
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.admin.feedback.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.admin.feedback.get.queryKey({ feedbackId }) }),
    ]);
  const reply = useMutation(trpc.admin.feedback.reply.mutationOptions({ onSettled: refresh }));
  const setStatus = useMutation(trpc.admin.feedback.setStatus.mutationOptions({ onSettled: refresh }));

  async function changeStatus(status: "NEW" | "IN_REVIEW" | "CLOSED") {
    try {
      await setStatus.mutateAsync({ feedbackId, status });
      toast.success(t("statusChanged", { status: statusLabel(status) }));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  if (item.isPending) {
    return (
      <Card className="animate-pulse p-6" aria-busy="true">
        <div className="h-5 w-48 rounded bg-slate-200" />
        <div className="mt-4 h-3 w-full rounded bg-slate-100" />
        <div className="mt-2 h-3 w-2/3 rounded bg-slate-100" />
      </Card>
    );
  }
  if (item.isError) {
    return (
      <Card className="p-6 text-sm text-red-700" role="alert">
        {errorMessage(item.error)}
      </Card>
    );
  }
  const feedback = item.data;

  return (
    <Card role="region" className="overflow-hidden" aria-labelledby="inbox-detail-title">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
        <div className="min-w-0">
          <h2 id="inbox-detail-title" className="font-semibold text-slate-900">
            {fb(`categories.${feedback.category}`)}
          </h2>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
            <Link href={`/admin/tenants/${feedback.tenant.id}`} className="font-medium text-brand-700 hover:underline">
              {feedback.tenant.name}
            </Link>
            {feedback.tenant.status === "SUSPENDED" ? <TenantStatusBadge status="SUSPENDED" /> : null}
          </p>
          <p className="mt-0.5 text-xs text-slate-500">
            {feedback.author ? (feedback.author.name ? `${feedback.author.name} · ${feedback.author.email}` : feedback.author.email) : fb("formerMember")}
            {" · "}
            <time dateTime={feedback.createdAt.toISOString()}>{format.dateTime(feedback.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
          </p>
        </div>
        <div className="flex items-center gap-2">
          <FeedbackStatusBadge status={feedback.status} forStaff />
          <Button variant="ghost" size="sm" onClick={onClose} className="lg:hidden">
            {t("close")}
          </Button>
        </div>
      </div>

      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 border-b border-slate-100 px-5 py-3 text-xs sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">{t("satisfaction")}</dt>
          <dd className="font-medium text-slate-800">
            {feedback.satisfaction !== null ? <SatisfactionLabel value={feedback.satisfaction} /> : "—"}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("offer")}</dt>
          <dd className="font-medium text-slate-800">{feedback.offer?.title ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("leads")}</dt>
          <dd className="font-medium text-slate-800">{feedback.leads.length || "—"}</dd>
        </div>
      </dl>

      <div className="px-5 py-4">
        <PlainText text={feedback.message} />
        {feedback.leads.length > 0 ? (
          <ul className="mt-3 flex flex-wrap gap-1.5" aria-label={t("leads")}>
            {feedback.leads.map((lead) => (
              <li key={lead.id}>
                <Badge title={lead.id}>
                  {lead.name ?? lead.id}
                  {lead.company ? ` · ${lead.company}` : ""}
                  {lead.isTest ? ` · ${t("testLead")}` : ""}
                </Badge>
              </li>
            ))}
          </ul>
        ) : null}
      </div>

      {feedback.replies.length > 0 ? (
        <ol className="grid gap-3 border-t border-slate-100 bg-slate-50/60 px-5 py-4" aria-label={fb("conversation")}>
          {feedback.replies.map((r) => (
            <li key={r.id} className={cn("rounded-lg border px-4 py-3", r.fromStaff ? "ml-6 border-brand-100 bg-brand-50/70" : "mr-6 border-slate-200 bg-white")}>
              <p className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3 text-xs">
                <span className={cn("font-medium", r.fromStaff ? "text-brand-700" : "text-slate-700")}>
                  {r.fromStaff ? t("staffReply", { name: r.author?.name ?? r.author?.email ?? fb("team") }) : (r.author?.name ?? r.author?.email ?? fb("formerMember"))}
                </span>
                <time className="text-slate-500" dateTime={r.createdAt.toISOString()}>
                  {format.dateTime(r.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                </time>
              </p>
              <PlainText text={r.message} />
            </li>
          ))}
        </ol>
      ) : null}

      <form
        className="grid gap-2 border-t border-slate-100 px-5 py-4"
        onSubmit={async (event) => {
          event.preventDefault();
          try {
            await reply.mutateAsync({ feedbackId, message: answer });
            setAnswer("");
            toast.success(t("answered"));
          } catch (error) {
            toast.error(errorMessage(error));
          }
        }}
      >
        <Label htmlFor="staff-answer">{t("answerLabel")}</Label>
        <Textarea id="staff-answer" rows={4} maxLength={5000} value={answer} onChange={(e) => setAnswer(e.target.value)} placeholder={t("answerPlaceholder")} />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div className="flex flex-wrap gap-2">
            {feedback.status === "NEW" ? (
              <Button type="button" variant="secondary" size="sm" disabled={setStatus.isPending} onClick={() => void changeStatus("IN_REVIEW")}>
                {t("markInReview")}
              </Button>
            ) : null}
            {feedback.status === "CLOSED" ? (
              <Button type="button" variant="secondary" size="sm" disabled={setStatus.isPending} onClick={() => void changeStatus("IN_REVIEW")}>
                {t("reopen")}
              </Button>
            ) : (
              <Button type="button" variant="ghost" size="sm" disabled={setStatus.isPending} onClick={() => void changeStatus("CLOSED")}>
                {t("closeFeedback")}
              </Button>
            )}
          </div>
          <Button type="submit" size="sm" disabled={reply.isPending || answer.trim().length === 0}>
            {reply.isPending ? t("sending") : t("sendAnswer")}
          </Button>
        </div>
        <p className="text-xs text-slate-500">{t("answerHint")}</p>
      </form>
    </Card>
  );
}
