import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";
import { OfferDetail } from "./offer-detail";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("offers"))("meta.offer") };
}

export default async function OfferPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await serverCaller();
  const tenant = await caller.tenant.current().catch(() => null);
  if (!tenant) return null;
  const offer = await caller.offers.get({ id }).catch(() => null);
  if (!offer) notFound();
  prefetch(trpc.offers.get.queryOptions({ id }));
  prefetch(trpc.captureEndpoints.list.queryOptions());
  prefetch(trpc.destinations.list.queryOptions({ offerId: id }));
  prefetch(trpc.destinations.list.queryOptions({ offerId: null }));
  prefetch(trpc.members.list.queryOptions());
  prefetch(trpc.pipeline.assignment.queryOptions());

  return (
    <HydrateClient>
      <OfferDetail id={id} canManage={tenant.role !== "MEMBER"} />
    </HydrateClient>
  );
}
