import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { getTimeZone, getTranslations } from "next-intl/server";
import { FollowUpView } from "~/components/follow-up/follow-up-view";
import { boardInput, dueInput } from "~/components/follow-up/query-inputs";
import { PageHeader } from "~/components/page-header";
import { cn } from "~/lib/utils";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Follow-up" };

const VIEWS = ["today", "board", "list", "settings"] as const;
type View = (typeof VIEWS)[number];

export default async function FollowUpPage({ searchParams }: { searchParams: Promise<{ view?: string }> }) {
  const t = await getTranslations("followUp");
  const requested = (await searchParams).view;
  const tenant = await (await serverCaller()).tenant.current();
  const canManage = tenant.role !== "MEMBER";
  const view: View = VIEWS.includes(requested as View) && (requested !== "settings" || canManage) ? (requested as View) : "today";
  const timeZone = (await getTimeZone()) ?? "UTC";

  // The pipeline (and its defaults, on first use) before anything reads it.
  prefetch(trpc.pipeline.stages.queryOptions());
  prefetch(trpc.members.list.queryOptions());
  if (view === "today") prefetch(trpc.followUps.due.queryOptions(dueInput("me", timeZone)));
  if (view === "board") prefetch(trpc.pipeline.board.queryOptions(boardInput("any", "", timeZone)));
  if (view === "settings") {
    prefetch(trpc.pipeline.criteria.queryOptions({ includeArchived: true }));
    prefetch(trpc.pipeline.assignment.queryOptions());
  }

  const tabs = VIEWS.filter((v) => v !== "settings" || canManage);
  return (
    <HydrateClient>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <nav aria-label={t("views")} className="mb-6 flex gap-1 border-b border-slate-200">
        {tabs.map((v) => (
          <Link
            key={v}
            href={v === "today" ? "/follow-up" : `/follow-up?view=${v}`}
            aria-current={v === view ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              v === view ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800",
            )}
          >
            {t(`tabs.${v}`)}
          </Link>
        ))}
      </nav>
      <Suspense fallback={<div className="h-96 animate-pulse rounded-xl bg-slate-100" aria-label={t("loading")} />}>
        <FollowUpView view={view} />
      </Suspense>
    </HydrateClient>
  );
}
