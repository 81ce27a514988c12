import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "~/components/page-header";
import { serverCaller } from "~/trpc/server";
import { TenantsTable } from "./tenants-table";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const me = await (await serverCaller()).account.me();
  if (!me.user.isPlatformAdmin) notFound();
  const t = await getTranslations("admin");
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <TenantsTable />
    </>
  );
}
