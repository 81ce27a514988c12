import { localDateKey, shiftDateKey } from "@leadrelay/leads";
import type { Metadata } from "next";
import { getTimeZone, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { PageHeader } from "~/components/page-header";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { dashboardInput } from "./dashboard-input";
import { InsightsDashboard } from "./insights-dashboard";

export const metadata: Metadata = { title: "Insights" };

export default async function InsightsPage() {
  const t = await getTranslations("insights");
  const timeZone = (await getTimeZone()) ?? "UTC";
  // The last 30 days, today included, in the zone the app shows times in.
  const to = localDateKey(new Date(), timeZone);
  const from = shiftDateKey(to, -29);
  prefetch(trpc.insights.offers.queryOptions());
  prefetch(trpc.insights.dashboard.queryOptions(dashboardInput({ from, to, offerId: "" }, timeZone)));
  return (
    <HydrateClient>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <Suspense fallback={<div className="h-96 animate-pulse rounded-xl bg-slate-100" />}>
        <InsightsDashboard initialFrom={from} initialTo={to} />
      </Suspense>
    </HydrateClient>
  );
}
