import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "~/components/page-header";
import { AuditLog } from "./audit-log";

export const metadata: Metadata = { title: "Audit log · Admin" };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations("adminConsole.audit");
  const params = await searchParams;
  const initial = {
    tenantId: typeof params.tenant === "string" && params.tenant ? params.tenant : undefined,
    action: typeof params.action === "string" && params.action ? params.action : undefined,
  };
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <AuditLog initial={initial} />
    </>
  );
}
