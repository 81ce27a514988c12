"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";

/** The same placeholder as the page's Suspense fallback, while a view's code loads. */
function ViewLoading() {
  const t = useTranslations("followUp");
  return <div className="h-96 animate-pulse rounded-xl bg-slate-100" aria-label={t("loading")} />;
}

// One view shows at a time: each loads its own code (the board brings drag and drop).
const DueList = dynamic(() => import("./due-list").then((m) => m.DueList), { loading: ViewLoading });
const PipelineBoard = dynamic(() => import("./pipeline-board").then((m) => m.PipelineBoard), { loading: ViewLoading });
const FollowUpList = dynamic(() => import("./follow-up-list").then((m) => m.FollowUpList), { loading: ViewLoading });
const PipelineSettings = dynamic(() => import("./pipeline-settings").then((m) => m.PipelineSettings), { loading: ViewLoading });

export function FollowUpView({ view }: { view: "today" | "board" | "list" | "settings" }) {
  if (view === "today") return <DueList />;
  if (view === "board") return <PipelineBoard />;
  if (view === "list") return <FollowUpList />;
  return <PipelineSettings />;
}
