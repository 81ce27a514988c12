import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";
import { DestinationDetailView } from "~/components/destinations/destination-detail";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("offers"))("meta.destination") };
}

export default async function DestinationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await serverCaller();
  const tenant = await caller.tenant.current().catch(() => null);
  if (!tenant) return null;
  const destination = await caller.destinations.get({ id }).catch(() => null);
  if (!destination) notFound();
  prefetch(trpc.destinations.get.queryOptions({ id }));
  prefetch(trpc.destinations.kinds.queryOptions());

  return (
    <HydrateClient>
      <DestinationDetailView id={id} canManage={tenant.role !== "MEMBER"} />
    </HydrateClient>
  );
}
