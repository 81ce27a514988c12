import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";
import { NewDestination } from "./new-destination";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("offers"))("meta.newDestination") };
}

/** `?offer=<offer id>` or `?offer=default` (the tenant-wide default); `&kind=<KIND>` skips the picker. */
export default async function NewDestinationPage({ searchParams }: { searchParams: Promise<{ offer?: string; kind?: string }> }) {
  const { offer: offerParam } = await searchParams;
  const caller = await serverCaller();
  const tenant = await caller.tenant.current().catch(() => null);
  if (!tenant) return null;
  const t = await getTranslations("destinations.new");
  if (tenant.role === "MEMBER") {
    return <p className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">{t("adminsOnly")}</p>;
  }
  let offer: { id: string; title: string; ref: string } | null = null;
  if (offerParam && offerParam !== "default") {
    const found = await caller.offers.get({ id: offerParam }).catch(() => null);
    if (!found) notFound();
    offer = { id: found.id, title: found.title, ref: found.ref };
  }
  prefetch(trpc.destinations.kinds.queryOptions());
  return (
    <HydrateClient>
      <NewDestination offer={offer} />
    </HydrateClient>
  );
}
