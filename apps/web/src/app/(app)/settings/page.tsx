import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "~/components/page-header";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";
import { ApiTokensCard } from "./api-tokens-card";
import { AuditCard } from "./audit-card";
import { GeneralCard, LeaveCard } from "./general-card";
import { InvitationsCard } from "./invitations-card";
import { MembersCard } from "./members-card";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const t = await getTranslations("settings");
  const caller = await serverCaller();
  const [tenant, me] = await Promise.all([caller.tenant.current(), caller.account.me()]);
  const canManage = tenant.role !== "MEMBER";
  prefetch(trpc.members.list.queryOptions());
  if (canManage) prefetch(trpc.invitations.list.queryOptions());
  if (tenant.role === "OWNER") prefetch(trpc.tenant.auditLog.queryOptions());
  if (canManage) {
    prefetch(trpc.apiTokens.list.queryOptions());
    prefetch(trpc.apiTokens.scopes.queryOptions());
  }

  return (
    <HydrateClient>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <div className="grid gap-6">
        <GeneralCard name={tenant.name} slug={tenant.slug} canEdit={canManage} />
        <MembersCard currentUserId={me.user.id} role={tenant.role} />
        {canManage ? <InvitationsCard role={tenant.role} /> : null}
        {canManage ? <ApiTokensCard /> : null}
        {tenant.role === "OWNER" ? <AuditCard /> : null}
        <LeaveCard tenantName={tenant.name} />
      </div>
    </HydrateClient>
  );
}
