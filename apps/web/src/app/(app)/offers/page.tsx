import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "~/components/page-header";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";
import { OfferDialog } from "./offer-dialog";
import { OffersOverview } from "./offers-overview";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("offers"))("title") };
}

export default async function OffersPage() {
  const t = await getTranslations("offers");
  const caller = await serverCaller();
  const tenant = await caller.tenant.current().catch(() => null);
  if (!tenant) return null; // the layout explains what to do without a publisher account
  const canManage = tenant.role !== "MEMBER";
  prefetch(trpc.offers.list.queryOptions());
  prefetch(trpc.captureEndpoints.list.queryOptions());
  prefetch(trpc.destinations.list.queryOptions());
  prefetch(trpc.destinations.list.queryOptions({ offerId: null }));

  return (
    <HydrateClient>
      <PageHeader title={t("title")} description={t("subtitle")} actions={canManage ? <OfferDialog /> : null} />
      <OffersOverview canManage={canManage} />
    </HydrateClient>
  );
}
