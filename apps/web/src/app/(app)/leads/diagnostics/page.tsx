import type { Metadata } from "next";
import { LeadDiagnostics } from "~/components/leads/lead-diagnostics";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Why am I not seeing leads?" };

export default async function LeadDiagnosticsPage({
  searchParams,
}: {
  searchParams: Promise<{ offer?: string | string[] }>;
}) {
  const caller = await serverCaller();
  const [tenant, offers] = await Promise.all([
    caller.tenant.current().catch(() => null),
    caller.offers.list().catch(() => []),
  ]);
  const requested = (await searchParams).offer;
  const wanted = typeof requested === "string" ? requested : "";
  // An offer of this account, leads tied to none ("none"), or the first offer by default.
  const offerParam =
    wanted === "none" || offers.some((o) => o.id === wanted) ? wanted : (offers[0]?.id ?? "none");
  prefetch(
    trpc.leads.diagnostics.queryOptions({ offerId: offerParam === "none" ? null : offerParam }),
  );
  prefetch(trpc.captureEndpoints.list.queryOptions());
  return (
    <HydrateClient>
      <LeadDiagnostics
        key={offerParam}
        offerParam={offerParam}
        offers={offers.map((o) => ({ id: o.id, title: o.title, ref: o.ref }))}
        canManage={tenant !== null && tenant.role !== "MEMBER"}
      />
    </HydrateClient>
  );
}
