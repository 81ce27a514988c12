import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "~/components/page-header";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { TenantsTable } from "./tenants-table";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const t = await getTranslations("admin");
  prefetch(trpc.admin.listTenants.queryOptions({ search: "" }));
  return (
    <HydrateClient>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <TenantsTable />
    </HydrateClient>
  );
}
