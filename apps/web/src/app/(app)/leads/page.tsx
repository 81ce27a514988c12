import type { Metadata } from "next";
import { Suspense } from "react";
import { LeadsInbox } from "~/components/leads/leads-inbox";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Leads" };

export default async function LeadsPage() {
  const caller = await serverCaller();
  const tenant = await caller.tenant.current().catch(() => null);
  prefetch(trpc.offers.list.queryOptions());
  // The owner and pipeline-stage filters' choices.
  prefetch(trpc.members.list.queryOptions());
  prefetch(trpc.pipeline.stages.queryOptions());
  return (
    <HydrateClient>
      {/* The filters live in the URL (useSearchParams), read on the client. */}
      <Suspense>
        <LeadsInbox canManageCapture={tenant !== null && tenant.role !== "MEMBER"} />
      </Suspense>
    </HydrateClient>
  );
}
