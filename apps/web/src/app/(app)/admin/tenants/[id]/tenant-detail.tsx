"use client";

import { useQuery } from "@tanstack/react-query";
import { AlertTriangle, ArrowLeft, Inbox, KeyRound, Link2, MessageSquareText, ScrollText, Users, Waypoints } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { PageHeader } from "~/components/page-header";
import { Badge } from "~/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Table, Td, Th } from "~/components/ui/table";
import { useTRPC } from "~/trpc/react";
import { DeliveryStatusBadge, DestinationKindLabel, Stat, TableMessage, TenantStatusBadge, When } from "../../admin-ui";
import { TenantStatusAction } from "../../tenant-status-action";
import { DestinationHealthTable } from "../../destination-health-table";
import { useAdminErrorMessage } from "../../use-admin-error";
import { PlanLimitsCard } from "./plan-limits-card";

const linkButton = "inline-flex h-9 items-center gap-2 rounded-md border border-slate-200 bg-white px-3 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50";

export function TenantDetail({ tenantId }: { tenantId: string }) {
  const t = useTranslations("adminConsole.detail");
  const roles = useTranslations("roles");
  const format = useFormatter();
  const trpc = useTRPC();
  const errorMessage = useAdminErrorMessage();
  const detail = useQuery(trpc.admin.tenantDetail.queryOptions({ tenantId }));

  const back = (
    <Link href="/admin" className="mb-4 inline-flex items-center gap-1.5 text-sm text-slate-500 hover:text-slate-800">
      <ArrowLeft className="size-4" aria-hidden="true" />
      {t("back")}
    </Link>
  );

  if (detail.isPending) {
    return (
      <div aria-busy="true">
        {back}
        <div className="h-8 w-64 animate-pulse rounded bg-slate-200" />
        <div className="mt-8 grid grid-cols-2 gap-4 lg:grid-cols-4">
          {[0, 1, 2, 3].map((i) => (
            <Card key={i} className="h-24 animate-pulse bg-slate-50" />
          ))}
        </div>
      </div>
    );
  }
  if (detail.isError) {
    return (
      <div>
        {back}
        <Card className="p-8 text-center" role="alert">
          <h1 className="text-lg font-semibold">{t("notFoundTitle")}</h1>
          <p className="mt-2 text-sm text-slate-500">{errorMessage(detail.error)}</p>
        </Card>
      </div>
    );
  }

  const { tenant, members, destinations, failingDeliveries, captureEndpoints, leads } = detail.data;
  const unhealthy = destinations.filter((d) => d.state === "FAILING" || d.state === "PAUSED").length;

  return (
    <div>
      {back}
      <PageHeader
        title={tenant.name}
        description={t("subtitle", { slug: tenant.slug, created: format.dateTime(tenant.createdAt, { dateStyle: "medium" }) })}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <TenantStatusBadge status={tenant.status} />
            <Link href={`/admin/feedback?tenant=${tenant.id}`} className={linkButton}>
              <MessageSquareText className="size-4" aria-hidden="true" />
              {t("feedbackLink", { count: detail.data.openFeedbackCount })}
            </Link>
            <Link href={`/admin/audit?tenant=${tenant.id}`} className={linkButton}>
              <ScrollText className="size-4" aria-hidden="true" />
              {t("auditLink")}
            </Link>
            <TenantStatusAction tenant={tenant} size="default" />
          </div>
        }
      />

      {tenant.status === "SUSPENDED" ? (
        <div role="status" className="mb-6 flex gap-3 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <p>{t("suspendedNotice", { since: tenant.suspendedAt ? format.dateTime(tenant.suspendedAt, { dateStyle: "medium", timeStyle: "short" }) : "—" })}</p>
        </div>
      ) : null}

      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat icon={Inbox} label={t("leads30")} value={format.number(leads.last30Days)} detail={t("leadsTotal", { count: leads.total })} />
        <Stat
          icon={Waypoints}
          label={t("destinations")}
          value={format.number(destinations.length)}
          tone={unhealthy > 0 ? "danger" : "default"}
          detail={unhealthy > 0 ? t("unhealthy", { count: unhealthy }) : t("allHealthy")}
        />
        <Stat
          icon={Link2}
          label={t("captureUrls")}
          value={format.number(captureEndpoints.active)}
          detail={t("captureDetail", { verified: captureEndpoints.verified, revoked: captureEndpoints.revoked })}
        />
        <Stat icon={Users} label={t("members")} value={format.number(members.length)} detail={t("offersAndTokens", { offers: detail.data.offerCount, tokens: detail.data.activeApiTokenCount })} />
      </div>

      <div className="mt-6 grid gap-6">
        <PlanLimitsCard
          key={`${detail.data.tenant.captureRateLimitPerMinute}-${detail.data.tenant.apiRateLimitPerMinute}`}
          tenantId={detail.data.tenant.id}
          captureRateLimitPerMinute={detail.data.tenant.captureRateLimitPerMinute}
          apiRateLimitPerMinute={detail.data.tenant.apiRateLimitPerMinute}
        />
        <DestinationHealthTable
          title={t("destinationsTitle")}
          description={t("destinationsDescription")}
          rows={destinations}
          rowTestId={(d) => `destination-${d.id}`}
          after={[
            {
              key: "lastSuccess",
              header: t("lastSuccess"),
              className: "hidden text-slate-600 md:table-cell",
              cell: (d) => <When date={d.lastSuccessAt} />,
            },
            {
              key: "lastFailure",
              header: t("lastFailure"),
              className: "max-w-xs",
              cell: (d) =>
                d.lastFailureAt ? (
                  <>
                    <div className="text-slate-600">
                      <When date={d.lastFailureAt} />
                    </div>
                    {d.lastFailureReason ? (
                      <div className="mt-0.5 line-clamp-2 break-words text-xs text-red-700" title={d.lastFailureReason}>
                        {d.lastFailureReason}
                      </div>
                    ) : null}
                  </>
                ) : (
                  <span className="text-slate-400">—</span>
                ),
            },
          ]}
          placeholder={(columns) => <TableMessage colSpan={columns}>{t("noDestinations")}</TableMessage>}
        />

        <Card>
          <CardHeader>
            <CardTitle>{t("failingTitle")}</CardTitle>
            <CardDescription>{t("failingDescription")}</CardDescription>
          </CardHeader>
          <Table>
            <thead>
              <tr>
                <Th className="pl-6">{t("when")}</Th>
                <Th>{t("destination")}</Th>
                <Th>{t("status")}</Th>
                <Th className="hidden text-right sm:table-cell">{t("attempts")}</Th>
                <Th className="pr-6">{t("error")}</Th>
              </tr>
            </thead>
            <tbody>
              {failingDeliveries.length === 0 ? (
                <TableMessage colSpan={5}>{t("noFailing")}</TableMessage>
              ) : (
                failingDeliveries.map((delivery) => (
                  <tr key={delivery.id}>
                    <Td className="pl-6 text-slate-600">
                      <When date={delivery.updatedAt} />
                    </Td>
                    <Td>
                      <div className="font-medium">{delivery.destination.name}</div>
                      <div className="text-xs text-slate-500">
                        <DestinationKindLabel kind={delivery.destination.kind} />
                      </div>
                    </Td>
                    <Td>
                      <DeliveryStatusBadge status={delivery.status} />
                      {delivery.status === "RETRYING" && delivery.nextAttemptAt ? (
                        <div className="mt-1 text-xs text-slate-500">
                          {t("nextAttempt")} <When date={delivery.nextAttemptAt} />
                        </div>
                      ) : null}
                    </Td>
                    <Td className="hidden text-right tabular-nums sm:table-cell">{delivery.attemptCount}</Td>
                    <Td className="max-w-sm pr-6">
                      <span className="line-clamp-2 break-words text-xs text-slate-700" title={delivery.lastError ?? undefined}>
                        {delivery.lastError ?? "—"}
                      </span>
                    </Td>
                  </tr>
                ))
              )}
            </tbody>
          </Table>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t("membersTitle")}</CardTitle>
          </CardHeader>
          <Table>
            <thead>
              <tr>
                <Th className="pl-6">{t("member")}</Th>
                <Th>{t("role")}</Th>
                <Th className="hidden pr-6 sm:table-cell">{t("joined")}</Th>
              </tr>
            </thead>
            <tbody>
              {members.length === 0 ? (
                <TableMessage colSpan={3}>{t("noMembers")}</TableMessage>
              ) : (
                members.map((member) => (
                  <tr key={member.userId}>
                    <Td className="pl-6">
                      <div className="font-medium">{member.name ?? member.email}</div>
                      {member.name ? <div className="text-xs text-slate-500">{member.email}</div> : null}
                    </Td>
                    <Td>
                      <Badge variant={member.role === "OWNER" ? "brand" : "default"}>{roles(member.role)}</Badge>
                    </Td>
                    <Td className="hidden pr-6 text-slate-500 sm:table-cell">{format.dateTime(member.joinedAt, { dateStyle: "medium" })}</Td>
                  </tr>
                ))
              )}
            </tbody>
          </Table>
        </Card>

        <p className="flex items-center gap-2 text-xs text-slate-500">
          <KeyRound className="size-3.5" aria-hidden="true" />
          {t("secretsNote")}
        </p>
      </div>
    </div>
  );
}
