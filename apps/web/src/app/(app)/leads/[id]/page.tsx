import type { Metadata } from "next";
import { LeadDetail } from "~/components/leads/lead-detail";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Lead" };

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  prefetch(trpc.leads.get.queryOptions({ id }));
  return (
    <HydrateClient>
      <LeadDetail id={id} />
    </HydrateClient>
  );
}
