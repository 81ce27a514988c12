import type { Metadata } from "next";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { TenantDetail } from "./tenant-detail";

export const metadata: Metadata = { title: "Publisher account · Admin" };

export default async function TenantDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  prefetch(trpc.admin.tenantDetail.queryOptions({ tenantId: id }));
  return (
    <HydrateClient>
      <TenantDetail tenantId={id} />
    </HydrateClient>
  );
}
