import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableImports } from "~/components/imports/table-imports";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports"))("title") };
}

export default async function TableImportsPage() {
  const caller = await serverCaller();
  const tenant = await caller.tenant.current().catch(() => null);
  if (!tenant) return null; // the layout explains what to do without a publisher account
  prefetch(trpc.tableImports.list.queryOptions());
  prefetch(trpc.offers.list.queryOptions());
  return (
    <HydrateClient>
      <TableImports canManage={tenant.role !== "MEMBER"} />
    </HydrateClient>
  );
}
