import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "~/components/page-header";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { DeliveryHealth } from "./delivery-health";

export const metadata: Metadata = { title: "Delivery health · Admin" };

export default async function DeliveryHealthPage() {
  const t = await getTranslations("adminConsole.health");
  prefetch(trpc.admin.deliveryHealth.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <DeliveryHealth />
    </HydrateClient>
  );
}
