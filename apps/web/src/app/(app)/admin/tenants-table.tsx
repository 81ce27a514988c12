"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { AlertTriangle, Search } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import { Badge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";
import { Input } from "~/components/ui/input";
import { Table, Td, Th } from "~/components/ui/table";
import { useTRPC } from "~/trpc/react";
import { SkeletonRows, TableMessage, TenantStatusBadge } from "./admin-ui";
import { TenantStatusAction } from "./tenant-status-action";

const COLUMNS = 7;

export function TenantsTable() {
  const t = useTranslations("admin");
  const c = useTranslations("adminConsole.tenants");
  const format = useFormatter();
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search);
  const tenants = useQuery({ ...trpc.admin.listTenants.queryOptions({ search: deferred }), placeholderData: keepPreviousData });

  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 p-4">
        <div className="relative w-full max-w-sm">
          <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-slate-400" aria-hidden="true" />
          <Input type="search" placeholder={t("search")} aria-label={t("search")} value={search} onChange={(e) => setSearch(e.target.value)} className="pl-9" />
        </div>
        {tenants.data ? (
          <p className="text-xs text-slate-500" aria-live="polite">
            {c("count", { count: tenants.data.length })}
          </p>
        ) : null}
      </div>
      <Table>
        <thead>
          <tr>
            <Th className="pl-6">{t("tenant")}</Th>
            <Th>{t("status")}</Th>
            <Th className="whitespace-nowrap text-right">{c("leads30")}</Th>
            <Th>{c("destinations")}</Th>
            <Th className="hidden text-right sm:table-cell">{t("members")}</Th>
            <Th className="hidden xl:table-cell">{t("created")}</Th>
            <Th className="pr-6">
              <span className="sr-only">{c("actions")}</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {tenants.isPending ? (
            <SkeletonRows columns={COLUMNS} />
          ) : tenants.isError ? (
            <TableMessage colSpan={COLUMNS} tone="error">
              {c("loadFailed")}
            </TableMessage>
          ) : tenants.data.length === 0 ? (
            <TableMessage colSpan={COLUMNS}>{t("noTenants")}</TableMessage>
          ) : (
            tenants.data.map((tenant) => (
              <tr key={tenant.id} data-testid={`tenant-${tenant.slug}`} className="hover:bg-slate-50/70">
                <Td className="pl-6">
                  <Link href={`/admin/tenants/${tenant.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {tenant.name}
                  </Link>
                  <div className="text-xs text-slate-500">{tenant.slug}</div>
                </Td>
                <Td>
                  <TenantStatusBadge status={tenant.status} />
                </Td>
                <Td className="text-right tabular-nums">{format.number(tenant.leadsLast30Days)}</Td>
                <Td>
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="tabular-nums">{format.number(tenant.destinationCount)}</span>
                    {tenant.unhealthyDestinationCount > 0 ? (
                      <Badge variant="danger" className="gap-1">
                        <AlertTriangle className="size-3" aria-hidden="true" />
                        {c("unhealthy", { count: tenant.unhealthyDestinationCount })}
                      </Badge>
                    ) : null}
                  </div>
                </Td>
                <Td className="hidden text-right tabular-nums sm:table-cell">{format.number(tenant.memberCount)}</Td>
                <Td className="hidden whitespace-nowrap text-slate-500 xl:table-cell">{format.dateTime(tenant.createdAt, { dateStyle: "medium" })}</Td>
                <Td className="pr-6 text-right">
                  <div className="flex justify-end gap-2">
                    <Link
                      href={`/admin/tenants/${tenant.id}`}
                      className="inline-flex h-8 items-center rounded-md px-3 text-xs font-medium text-slate-700 hover:bg-slate-100"
                      aria-label={c("openDetail", { tenant: tenant.name })}
                    >
                      {c("open")}
                    </Link>
                    <TenantStatusAction tenant={tenant} />
                  </div>
                </Td>
              </tr>
            ))
          )}
        </tbody>
      </Table>
    </Card>
  );
}
