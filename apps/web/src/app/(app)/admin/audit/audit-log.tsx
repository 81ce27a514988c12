"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Table, Td, Th } from "~/components/ui/table";
import { useTRPC } from "~/trpc/react";
import { SkeletonRows, TableMessage } from "../admin-ui";
import { FilterSelect, TenantFilterSelect, useUrlFilters } from "../filter-bar";

interface Filters {
  tenantId?: string;
  action?: string;
}

const COLUMNS = 5;

/** `{ from: "NEW", to: "CLOSED" }` as "NEW → CLOSED"; other data as compact JSON. */
function describeData(data: unknown): string | null {
  if (data === null || data === undefined) return null;
  if (typeof data === "object" && !Array.isArray(data) && "from" in data && "to" in data) {
    const { from, to } = data as { from: unknown; to: unknown };
    return `${String(from)} → ${String(to)}`;
  }
  const json = JSON.stringify(data);
  return json.length > 120 ? `${json.slice(0, 119)}…` : json;
}

export function AuditLog({ initial }: { initial: Filters }) {
  const t = useTranslations("adminConsole.audit");
  const format = useFormatter();
  const trpc = useTRPC();
  const [filters, update] = useUrlFilters<Filters>(initial, (f) => ({ tenant: f.tenantId, action: f.action }));

  const actions = useQuery(trpc.admin.auditActions.queryOptions());
  const log = useInfiniteQuery({
    ...trpc.admin.auditLog.infiniteQueryOptions({ tenantId: filters.tenantId, action: filters.action, limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
  });
  const events = log.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card>
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 p-4">
        <TenantFilterSelect
          id="audit-tenant"
          label={t("tenant")}
          anyLabel={t("anyTenant")}
          value={filters.tenantId}
          onChange={(tenantId) => update({ ...filters, tenantId })}
        />
        <FilterSelect
          id="audit-action"
          label={t("action")}
          anyLabel={t("anyAction")}
          value={filters.action}
          options={actions.data?.map((action) => ({ value: action, label: action }))}
          onChange={(action) => update({ ...filters, action })}
        />
        {filters.tenantId || filters.action ? (
          <Button variant="ghost" size="sm" onClick={() => update({})}>
            {t("clear")}
          </Button>
        ) : null}
      </div>
      <Table>
        <thead>
          <tr>
            <Th className="pl-6">{t("time")}</Th>
            <Th>{t("action")}</Th>
            <Th>{t("tenant")}</Th>
            <Th>{t("actor")}</Th>
            <Th className="pr-6">{t("target")}</Th>
          </tr>
        </thead>
        <tbody>
          {log.isPending ? (
            <SkeletonRows columns={COLUMNS} rows={6} />
          ) : log.isError ? (
            <TableMessage colSpan={COLUMNS} tone="error">
              {t("loadFailed")}
            </TableMessage>
          ) : events.length === 0 ? (
            <TableMessage colSpan={COLUMNS}>{t("empty")}</TableMessage>
          ) : (
            events.map((event) => {
              const detail = describeData(event.data);
              return (
                <tr key={event.id}>
                  <Td className="whitespace-nowrap pl-6 text-xs text-slate-600">
                    <time dateTime={event.createdAt.toISOString()}>{format.dateTime(event.createdAt, { dateStyle: "medium", timeStyle: "medium" })}</time>
                  </Td>
                  <Td>
                    <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800">{event.action}</code>
                    {detail ? <div className="mt-1 max-w-xs truncate text-xs text-slate-500" title={detail}>{detail}</div> : null}
                  </Td>
                  <Td className="min-w-40">
                    {event.tenant ? (
                      <Link href={`/admin/tenants/${event.tenant.id}`} className="text-slate-900 hover:text-brand-700 hover:underline">
                        {event.tenant.name}
                      </Link>
                    ) : (
                      <span className="text-slate-400">{t("platform")}</span>
                    )}
                  </Td>
                  <Td>
                    {event.actor ? (
                      <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
                        {event.actor.email}
                        {event.actor.isPlatformAdmin ? <Badge variant="brand">{t("staff")}</Badge> : null}
                      </span>
                    ) : (
                      <span className="text-slate-400">{t("system")}</span>
                    )}
                  </Td>
                  <Td className="min-w-44 pr-6 text-xs text-slate-600">
                    {event.targetType ? (
                      <span title={event.targetId ?? undefined}>
                        <span className="text-slate-400">{event.targetType}:</span>{" "}
                        {event.targetLabel ? <span className="break-words">{event.targetLabel}</span> : <span className="break-all font-mono">{event.targetId}</span>}
                      </span>
                    ) : (
                      "—"
                    )}
                  </Td>
                </tr>
              );
            })
          )}
        </tbody>
      </Table>
      {log.hasNextPage ? (
        <div className="border-t border-slate-100 p-3 text-center">
          <Button variant="ghost" size="sm" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
            {log.isFetchingNextPage ? t("loading") : t("loadMore")}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
